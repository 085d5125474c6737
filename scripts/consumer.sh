#!/usr/bin/env bash
# newsgraph as another project gets it: build, pack, install the tarball into a copy of examples/consumer
# in a temporary directory (outside this repository and its node_modules), then run that project's type
# check and tests. NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD/NEO4J_DATABASE pass through when set; otherwise
# startNewsgraph starts a local Neo4j, with the jars this repository already resolved into .neo4j/lib.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-consumer.XXXXXX")"
trap 'rm -rf "$work"' EXIT
started=$SECONDS
step() { echo "consumer: $* ($((SECONDS - started)) s)"; }

cd "$repo"
step 'building newsgraph'
npm run --silent build
npm pack --silent --pack-destination "$work" >/dev/null
# Everything but node_modules, in case someone installed the example in place.
tar -C examples -cf - --exclude=node_modules --exclude=newsgraph.tgz consumer | tar -C "$work" -xf -
mv "$work"/newsgraph-*.tgz "$work/consumer/newsgraph.tgz"

cd "$work/consumer"
step "installing the tarball and the example's devDependencies in $work/consumer"
npm install --no-audit --no-fund --prefer-offline --loglevel=error

if [ -z "${NEO4J_URI:-}" ] && docker info >/dev/null 2>&1; then
  # newsgraph reaches Docker through testcontainers, which it does not depend on: its users add it.
  step 'Docker found: adding testcontainers, as a user who wants a container would'
  versions="$(node -p "const d = require('$repo/package.json').devDependencies;
    'testcontainers@' + d.testcontainers + ' @testcontainers/neo4j@' + d['@testcontainers/neo4j']")"
  # shellcheck disable=SC2086 # two package specs
  npm install --no-save --no-audit --no-fund --prefer-offline --loglevel=error $versions
elif [ -z "${NEO4J_URI:-}" ]; then
  # The local provider keeps jars and instances under NEO4J_LOCAL_DIR, relative to the working directory
  # (here the temporary copy): point it at this repository's, so the ~120 MB of jars are not fetched again.
  dir="${NEO4J_LOCAL_DIR:-.neo4j}"
  case "$dir" in /*) ;; *) dir="$repo/$dir" ;; esac
  export NEO4J_LOCAL_DIR="$dir"
  export NEO4J_LOCAL_HEAP="${NEO4J_LOCAL_HEAP:-512m}" NEO4J_LOCAL_PAGECACHE="${NEO4J_LOCAL_PAGECACHE:-64m}"
fi
step 'type-checking the example against the published declarations'
npx --no-install tsc --noEmit
step 'running the example tests'
npx --no-install vitest run
step 'consumer tests passed'
