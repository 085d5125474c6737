/**
 * Who is asking: a JWT bearer token (HS256 secret, or keys from a JWKS file or URL), a static API key
 * (stored as SHA-256 hashes, compared in constant time), or nobody (anonymous reads, if allowed).
 * Roles: reader < editor, reader < analyst, and admin, who may do everything.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { type Config, ConfigError } from '../config.js';
import { isGraphQLError, userError } from '../errors.js';

export const ROLES = ['reader', 'editor', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What each role includes. */
const INCLUDES: Record<Role, readonly Role[]> = {
  reader: ['reader'],
  editor: ['reader', 'editor'],
  analyst: ['reader', 'analyst'],
  admin: ['reader', 'editor', 'analyst', 'admin'],
};

export interface Viewer {
  /** Token subject, API key name, or "anonymous". */
  subject: string;
  roles: readonly Role[];
  anonymous: boolean;
}

/** True when any of the viewer's roles includes `role`. */
export function hasRole(viewer: Viewer, role: Role): boolean {
  return viewer.roles.some((r) => INCLUDES[r].includes(role));
}

/** UNAUTHENTICATED, HTTP 401 with a Bearer challenge: missing or unusable credentials. */
export const unauthenticated = (message: string) =>
  userError('UNAUTHENTICATED', message, { http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } });

const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

function rolesOf(payload: JWTPayload): Role[] {
  const claimed = Array.isArray(payload.roles) ? payload.roles : [payload.role];
  const roles = claimed.filter(isRole);
  if (roles.length === 0) throw unauthenticated(`token names no role (one of ${ROLES.join(', ')})`);
  return roles;
}

/** Seconds a token's clock may be ahead of or behind ours. */
const CLOCK_SKEW_SECONDS = 5;

/**
 * A token must say when it was issued and when it expires (jose checks both are there and `exp` is not
 * past), may not claim to be issued in the future, and may not live longer than the server allows: a
 * leaked token is then useful for at most `maxTtlSeconds`, however its issuer set `exp`.
 */
function checkLifetime({ iat = 0, exp = 0 }: JWTPayload, maxTtlSeconds: number) {
  const now = Math.floor(Date.now() / 1000);
  if (iat > now + CLOCK_SKEW_SECONDS) throw unauthenticated('token is issued in the future (iat)');
  const lifetime = exp - iat;
  if (lifetime > maxTtlSeconds + CLOCK_SKEW_SECONDS) {
    throw unauthenticated(
      `token lives ${lifetime} s, longer than this server accepts (AUTH_MAX_TTL: ${maxTtlSeconds} s)`,
    );
  }
}

/** The HS256 secret: configured, or in development one generated once and kept in the local folder. */
export function jwtSecret(config: Config): Uint8Array | undefined {
  if (config.auth.jwtSecret) return new TextEncoder().encode(config.auth.jwtSecret);
  if (config.env === 'production') return undefined;
  const file = path.join(config.neo4j.localDir, 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return new TextEncoder().encode(fs.readFileSync(file, 'utf8').trim());
}

/** Signs a token for a role (the `npm run token` command and tests). */
export async function mintToken(
  config: Config,
  options: { role: Role; ttlSeconds: number; subject?: string },
): Promise<string> {
  const secret = jwtSecret(config);
  if (!secret) throw new Error('AUTH_JWT_SECRET is not set: there is no key to sign tokens with');
  if (options.ttlSeconds > config.auth.maxTtlSeconds) {
    throw new ConfigError(
      `a token may live at most ${config.auth.maxTtlSeconds} s (AUTH_MAX_TTL); asked for ${options.ttlSeconds} s`,
    );
  }
  return new SignJWT({ role: options.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject ?? `cli-${options.role}`)
    .setIssuer(config.auth.issuer)
    .setAudience(config.auth.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + options.ttlSeconds)
    .sign(secret);
}

export interface ApiKey {
  name: string;
  role: Role;
  /** Hex SHA-256 of the key; the key itself is never stored. */
  sha256: string;
}

/** The hash an API key is stored as. */
export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** Builds the function that turns a request's headers into a Viewer, or throws UNAUTHENTICATED. */
export function createAuthenticator(config: Config) {
  const secret = jwtSecret(config);
  const jwks = config.auth.jwksFile
    ? createLocalJWKSet(JSON.parse(fs.readFileSync(config.auth.jwksFile, 'utf8')))
    : config.auth.jwksUrl
      ? createRemoteJWKSet(new URL(config.auth.jwksUrl))
      : undefined;
  const apiKeys: ApiKey[] = config.auth.apiKeysFile
    ? JSON.parse(fs.readFileSync(config.auth.apiKeysFile, 'utf8'))
    : [];
  const anonymous: Viewer = {
    subject: 'anonymous',
    roles: config.auth.anonymousReads ? ['reader'] : [],
    anonymous: true,
  };

  async function fromToken(token: string): Promise<Viewer> {
    const options = {
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['exp', 'iat'],
    };
    try {
      // An explicit algorithm list: `alg: none` and algorithm confusion are refused by jose.
      const { payload } = jwks
        ? await jwtVerify(token, jwks, { ...options, algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'] })
        : secret
          ? await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })
          : (() => {
              throw unauthenticated('this server accepts no tokens (no AUTH_JWT_SECRET or JWKS configured)');
            })();
      checkLifetime(payload, config.auth.maxTtlSeconds);
      return { subject: String(payload.sub ?? 'token'), roles: rolesOf(payload), anonymous: false };
    } catch (error) {
      if (isGraphQLError(error)) throw error;
      const code = (error as { code?: string }).code;
      // The issuer's keys could not be fetched (a network error, not a verdict on the token): retry.
      if (config.auth.jwksUrl && (code === 'ERR_JWKS_TIMEOUT' || !(error instanceof errors.JOSEError))) {
        throw userError(
          'SERVICE_UNAVAILABLE',
          'the keys to check tokens with cannot be fetched; try again shortly',
        );
      }
      const reason =
        code === 'ERR_JWT_EXPIRED'
          ? 'token has expired'
          : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED'
            ? `token claim is not valid: ${(error as Error).message}`
            : 'token is not valid';
      throw unauthenticated(reason);
    }
  }

  function fromApiKey(key: string): Viewer {
    const hash = Buffer.from(hashApiKey(key), 'hex');
    // Compare against every key, always, so timing says nothing about which (or whether one) matched.
    let found: ApiKey | undefined;
    for (const candidate of apiKeys) {
      const stored = Buffer.from(candidate.sha256, 'hex');
      if (stored.length === hash.length && timingSafeEqual(stored, hash) && !found) found = candidate;
    }
    if (!found) throw unauthenticated('API key is not valid');
    return { subject: `key:${found.name}`, roles: [found.role], anonymous: false };
  }

  return async function authenticate(headers: Headers): Promise<Viewer> {
    const authorization = headers.get('authorization');
    const apiKey = headers.get('x-api-key');
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match?.[1]) throw unauthenticated('Authorization must be "Bearer <token>"');
      return fromToken(match[1]);
    }
    if (apiKey) return fromApiKey(apiKey);
    return anonymous;
  };
}
