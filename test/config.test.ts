import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration from the environment', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.neo4j.localInstance).toBe('dev');
    expect(config.auth.anonymousReads).toBe(true);
    expect(config.introspection).toBe(true);
    expect(config.graphiql).toBe(true);
    expect(config.limits).toMatchObject({ depth: 12, aliases: 15, nodes: 50_000, bodyBytes: 1_000_000 });
    expect(config.responseCache).toEqual({ ttlMs: 5000, maxEntries: 500 });
    expect(config.neo4j.gate).toEqual({ maxConcurrent: 40, queue: 100, waitMs: 5000 });
    expect(config.neo4j.cypherGate).toEqual({ maxConcurrent: 4, queue: 8, waitMs: 5000 });
    expect(config.neo4j.localRestarts).toBe(5);
    expect(config.metrics).toEqual({ enabled: true, token: undefined });
  });

  it('reads the metrics switch and scrape token', () => {
    expect(loadConfig({ METRICS: 'false' }).metrics.enabled).toBe(false);
    expect(loadConfig({ METRICS_TOKEN: 'a-scrape-token-of-some-length' }).metrics).toEqual({
      enabled: true,
      token: 'a-scrape-token-of-some-length',
    });
    expect(() => loadConfig({ METRICS: 'off' })).toThrow(/METRICS="off": must be true or false/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN="short": must be at least 16 characters/,
    );
  });

  it('turns introspection and GraphiQL off in production', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(config.introspection).toBe(false);
    expect(config.graphiql).toBe(false);
  });

  it('names the bad variable and its value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty": must be a port number/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000": must be between 1 and 65535/);
    expect(() => loadConfig({ NEO4J_URI: 'http://db:7474', NEO4J_PASSWORD: 'x' })).toThrow(
      /NEO4J_URI="http:\/\/db:7474"/,
    );
    expect(() => loadConfig({ AUTH_ANONYMOUS_READS: 'maybe' })).toThrow(
      /AUTH_ANONYMOUS_READS="maybe": must be true or false/,
    );
    expect(() => loadConfig({ RESPONSE_CACHE_TTL: '-1' })).toThrow(/RESPONSE_CACHE_TTL="-1"/);
    expect(() => loadConfig({ RESPONSE_CACHE_ENTRIES: 'many' })).toThrow(/RESPONSE_CACHE_ENTRIES="many"/);
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'short' })).toThrow(
      /AUTH_JWT_SECRET="short": must be at least 32 characters/,
    );
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: '0', LOG_LEVEL: 'loud' })).toThrow(/PORT="0".*; LOG_LEVEL="loud"/);
  });

  it('requires a password with an external Neo4j', () => {
    expect(() => loadConfig({ NEO4J_URI: 'neo4j://cluster:7687' })).toThrow(/NEO4J_PASSWORD must be set/);
    expect(loadConfig({ NEO4J_URI: 'neo4j://cluster:7687', NEO4J_PASSWORD: 's' }).neo4j.uri).toBe(
      'neo4j://cluster:7687',
    );
  });
});
