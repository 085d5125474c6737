import type { Viewer } from '../auth/auth.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { LiveBus, LiveEvent } from '../live/bus.js';
import type { Loaders } from '../loaders/index.js';
import type { Logger } from '../logger.js';

/** Everything a resolver may use; built fresh for every request by the context factory in http/app.ts. */
export interface Context {
  db: Database;
  loaders: Loaders;
  config: Config;
  logger: Logger;
  requestId: string;
  /** Who is asking (anonymous readers included), resolved from the request's credentials. */
  viewer: Viewer;
  /** Who holds the subscriptions: the viewer's subject, or the client's address when anonymous. */
  client: string;
  /** Where writes announce their changes and subscriptions listen (shared by the whole app). */
  live: LiveBus;
  /**
   * The loaders of one live event, shared by every subscriber of this app that receives it: a thousand
   * subscribers of one new statement read it once, waiting for the bookmarks of its write.
   */
  loadersOfEvent: (event: LiveEvent) => Loaders;
}
