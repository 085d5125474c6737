#!/usr/bin/env bash
# Runs before `npm test`: brings what the tests' real parts need on a fresh machine. The local Neo4j
# (used when no NEO4J_URI is set and no Docker engine answers) needs Java 17+ and Maven; the live-update
# tests start Debian's redis-server; the explorer's browser tests drive Debian's chromium. Missing ones
# are installed with apt-get when this runs as root, otherwise the exact command to run is printed.
set -euo pipefail

needs_local_neo4j() {
  [ -z "${NEO4J_URI:-}" ] && ! docker info >/dev/null 2>&1
}
# Where the server looks too: JAVA_HOME first, then PATH.
java_ok() {
  local java
  for java in "${JAVA_HOME:+$JAVA_HOME/bin/java}" java; do
    [ -n "$java" ] && command -v "$java" >/dev/null 2>&1 &&
      "$java" -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])' && return 0
  done
  return 1
}

missing=()
if needs_local_neo4j; then
  java_ok || missing+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
fi
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "pretest: installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "pretest: the tests need ${missing[*]}. Run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
