import { dateOrderOf, START_ORDER } from '../model/sortKeys.js';
import type { Database } from './database.js';

interface Migration {
  /** The index or constraint name; SHOW INDEXES lists it, so readiness can check for it. */
  name: string;
  cypher: string;
  /**
   * A data step (fills in a property older graphs lack) rather than an index: readiness skips it. One
   * that returns a row with `changed` works in batches and runs until it changes nothing.
   */
  data?: true;
}

/** Labels that carry a stable, unique `key` (`person/david-babayan`, `source/…`, `statement/…`). */
const KEYED_LABELS = ['Entity', 'Person', 'Organisation', 'Place', 'Event', 'Source', 'Statement'] as const;

const uniqueKey = (label: string): Migration => ({
  name: `${label.toLowerCase()}_key`,
  cypher: `CREATE CONSTRAINT ${label.toLowerCase()}_key IF NOT EXISTS FOR (n:${label}) REQUIRE n.key IS UNIQUE`,
});

const range = (name: string, label: string, property: string): Migration => ({
  name,
  cypher: `CREATE RANGE INDEX ${name} IF NOT EXISTS FOR (n:${label}) ON (n.${property})`,
});

/**
 * The schema newsgraph needs, each step idempotent (`IF NOT EXISTS`). Add steps at the end; never edit
 * one that has shipped, drop it with a new step instead.
 */
export const MIGRATIONS: readonly Migration[] = [
  ...KEYED_LABELS.map(uniqueKey),
  {
    // standard-folding: case- and diacritic-insensitive ("Sahakián" finds "Sahakian").
    name: 'entity_search',
    cypher: `CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
      FOR (n:Person|Organisation|Place|Event) ON EACH [n.name, n.aliases]
      OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding', \`fulltext.eventually_consistent\`: false } }`,
  },
  // Sort keys back keyset pagination of the root lists; dates are ISO strings, so ranges compare as text.
  range('entity_sort', 'Entity', 'sortKey'),
  range('event_start', 'Event', 'startEarliest'),
  range('event_end', 'Event', 'endLatest'),
  range('statement_date', 'Statement', 'dateEarliest'),
  range('statement_sort', 'Statement', 'sortKey'),
  {
    name: 'place_location',
    cypher: 'CREATE POINT INDEX place_location IF NOT EXISTS FOR (p:Place) ON (p.location)',
  },
  {
    name: 'event_order_fill',
    data: true,
    cypher: `MATCH (n:Event) WHERE n.startOrder IS NULL SET n.startOrder = ${START_ORDER}`,
  },
  range('event_order', 'Event', 'startOrder'),
  {
    name: 'statement_order_fill',
    data: true,
    // In batches (run until none is left): one transaction over every statement of a large graph
    // exceeds Neo4j's memory per transaction.
    cypher: `MATCH (n:Statement) WHERE n.dateOrder IS NULL
      WITH n LIMIT 10000 SET n.dateOrder = ${dateOrderOf('n')} RETURN count(n) AS changed`,
  },
  range('statement_order', 'Statement', 'dateOrder'),
  // Events still going on after a day: those that end (or, without an end, start) on or after it.
  range('event_start_latest', 'Event', 'startLatest'),
  // Drafts of ingested articles (queries/drafts.ts), keyed by their text's hash, listed newest first.
  uniqueKey('Draft'),
  range('draft_sort', 'Draft', 'sortKey'),
];
const INDEXES = MIGRATIONS.filter((m) => !m.data);

/** Applies every migration (idempotent) and waits until the indexes are online; returns what it created. */
export async function migrate(db: Database): Promise<{ created: string[] }> {
  const before = new Set(await onlineIndexNames(db, true));
  for (const m of MIGRATIONS) {
    for (;;) {
      const [row] = await db.write(`migrate.${m.name}`, (run) => run('apply', m.cypher));
      if (!row || !Number(row.changed)) break;
    }
  }
  await db.read('migrate.await', 'CALL db.awaitIndexes(300)');
  return { created: INDEXES.map((m) => m.name).filter((name) => !before.has(name)) };
}

async function onlineIndexNames(db: Database, anyState = false): Promise<string[]> {
  const rows = await db.read(
    'migrate.show',
    'SHOW INDEXES YIELD name, state WHERE $anyState OR state = "ONLINE" RETURN name',
    { anyState },
  );
  return rows.map((r) => String(r.name));
}

/** True when every index and constraint of MIGRATIONS exists and is online (the readiness check). */
export async function isMigrated(db: Database): Promise<boolean> {
  const online = new Set(await onlineIndexNames(db));
  return INDEXES.every((m) => online.has(m.name));
}
