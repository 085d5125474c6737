/**
 * Which web pages on other origins may call the API from a browser. Only the origins configured in
 * CORS_ORIGINS; in development, also pages served from this machine (localhost, 127.0.0.1, [::1], any
 * port), so a frontend's dev server works out of the box. Any other origin gets no CORS headers, and
 * the browser keeps the answer from the page.
 */
import type { CORSOptions, Plugin } from 'graphql-yoga';
import { type Config, isOrigin } from '../config.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The yoga `cors` option for this configuration. */
export function corsPolicy(config: Config): (request: Request) => CORSOptions {
  const allowed = new Set(config.corsOrigins);
  const isAllowed = (origin: string) => {
    if (allowed.has(origin)) return true;
    return config.env === 'development' && isOrigin(origin) && LOOPBACK_HOSTS.has(new URL(origin).hostname);
  };
  return (request) => {
    const origin = request.headers.get('origin');
    if (!origin || !isAllowed(origin)) return false;
    return {
      origin: [origin],
      // Bearer tokens and API keys travel in headers: no cookies, so no credentials mode.
      credentials: false,
      allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'x-request-id', 'x-neo4j-bookmarks'],
      exposedHeaders: ['x-request-id', 'retry-after', 'x-neo4j-bookmarks'],
      maxAge: 600,
    };
  };
}

/**
 * Every answer depends on the page's origin (CORS headers or none), so a shared cache must not hand one
 * origin's answer to another: `Vary: Origin` on all of them.
 */
export function useVaryOnOrigin(): Plugin {
  return {
    onResponse({ response }) {
      if (!/\borigin\b/i.test(response.headers.get('vary') ?? '')) response.headers.append('vary', 'Origin');
    },
  };
}
