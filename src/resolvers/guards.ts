import { forbidden } from '../errors.js';
import type { Context } from '../schema/builder.js';

/**
 * The single switch for writes until authentication exists: mutations run only while the development
 * flag (NEWSGRAPH_DEV_WRITES, on by default outside production) is on.
 */
export function assertCanWrite(ctx: Context): void {
  if (!ctx.config.devWrites)
    throw forbidden('Writes are disabled on this server (NEWSGRAPH_DEV_WRITES is off)');
}
