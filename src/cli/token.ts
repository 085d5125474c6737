/**
 * `npm run token -- --role editor [--ttl 1h] [--subject alice]`: prints a bearer token signed with the
 * server's secret (AUTH_JWT_SECRET, or the generated development one).
 * `npm run token -- --api-key --role reader --name crawler`: prints a new API key and the entry (its
 * hash) to add to AUTH_API_KEYS_FILE; the key itself is shown once and stored nowhere.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hashApiKey, mintToken, ROLES, type Role } from '../auth/auth.js';
import { ConfigError, loadConfig } from '../config.js';
import { exitWithError } from '../fatal.js';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "90s", "15m", "1h", "7d" in seconds. */
function parseTtl(ttl: string): number {
  const match = /^(\d+)([smhd])$/.exec(ttl);
  if (!match?.[1] || !match[2]) throw new ConfigError(`--ttl "${ttl}" must look like 90s, 15m, 1h or 7d`);
  return Number(match[1]) * (UNITS[match[2]] ?? 1);
}

try {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      ttl: { type: 'string', default: '1h' },
      subject: { type: 'string' },
      'api-key': { type: 'boolean', default: false },
      name: { type: 'string' },
    },
  });
  const role = values.role;
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    throw new ConfigError(`--role must be one of ${ROLES.join(', ')}`);
  }
  if (values['api-key']) {
    if (!values.name) throw new ConfigError('--api-key needs --name, to tell keys apart in logs');
    const key = `ngk_${randomBytes(24).toString('base64url')}`;
    console.log(`API key (shown once): ${key}`);
    console.log(
      `Add to AUTH_API_KEYS_FILE: ${JSON.stringify({ name: values.name, role, sha256: hashApiKey(key) })}`,
    );
  } else {
    console.log(
      await mintToken(loadConfig(), {
        role: role as Role,
        ttlSeconds: parseTtl(values.ttl),
        subject: values.subject,
      }),
    );
  }
} catch (error) {
  exitWithError('token', error);
}
