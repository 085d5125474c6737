import { pino } from 'pino';

export type Logger = pino.Logger;

/** Creates the structured (JSON) logger every part of the server writes to. */
export function createLogger(level: string, name = 'newsgraph'): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
