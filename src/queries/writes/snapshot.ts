/**
 * What a write changed, seen from inside its transaction: nodes' records and some of their relationships
 * read before and after the write, so that subscribers are told exactly what changed (fields, links made
 * and removed, on both ends) without a read that could race the write or reach a lagging cluster member.
 */
import type { Row, TxRun } from '../../db/database.js';
import { entityMap, toEntity } from '../projections.js';

/** A node at one moment: its record (an entity's as the API reads it) and relationships of some types. */
export interface Snapshot {
  record: Record<string, unknown>;
  /** Each relationship by type, the key of the node at its other end, and what tells it apart. */
  links: { type: string; other: string; id: string }[];
}

/** What a write returns to the resolver: the record it made, and what it changed. */
export interface Written<T> {
  record: T;
  changed: Changed[];
}

/** A write's view of one node: before and after (null where it did not exist). */
export interface Changed {
  key: string;
  before: Snapshot | null;
  after: Snapshot | null;
}

/**
 * What a snapshot reads of each node: the label its key is sought under, and a pattern comprehension
 * over the relationships the write can change (fixed Cypher from this file, never input). Each
 * relationship is told apart by its role or, for a mention, its offsets.
 */
export interface View {
  label: 'Entity' | 'Statement' | 'Source';
  links: string;
}

const links = (pattern: string) =>
  `[${pattern} | { type: type(r), other: m.key, id: coalesce(r.role, '') + '@' + coalesce(toString(r.start), '') }]`;

/** An entity upsert: its own fields, the links it replaces, and an event's participants. */
export const UPSERT_VIEW: View = {
  label: 'Entity',
  links: `${links('(n)-[r:BASED_IN|OCCURRED_IN|PART_OF]->(m)')} + ${links('(n)<-[r:PARTICIPATED_IN]-(m)')}`,
};
/** A statement's links to entities. */
export const STATEMENT_VIEW: View = {
  label: 'Statement',
  links: links('(n)-[r:SAID_BY|ON_BEHALF_OF|ADDRESSED_TO|ABOUT]->(m)'),
};
/** An entity about to be deleted: every relationship goes with it (statements' refuse the delete). */
export const DELETED_ENTITY_VIEW: View = {
  label: 'Entity',
  links: links('(n)-[r]-(m) WHERE m.key IS NOT NULL'),
};
/** A source's mentions. */
export const MENTIONS_VIEW: View = { label: 'Source', links: links('(n)-[r:MENTIONS]->(m)') };

/** The relationships of one type a `link`/`unlink` starts from (its type comes from LINK_TYPES). */
export const linkView = (type: string, from: string): View => ({
  label: from === 'Source' ? 'Source' : 'Entity',
  links: links(`(n)-[r:${type}]->(m)`),
});

/** The nodes with these keys as they are now in the transaction (absent: none). */
export async function snapshots(
  run: TxRun,
  keys: readonly string[],
  view: View,
): Promise<Map<string, Snapshot>> {
  if (keys.length === 0) return new Map();
  const rows = await run(
    'snapshot',
    `UNWIND $keys AS key
     MATCH (n:${view.label} {key: key})
     RETURN key, CASE WHEN n:Entity THEN ${entityMap('n')} END AS entity, ${view.links} AS links`,
    { keys: [...new Set(keys)] },
  );
  return new Map(
    rows.map((row) => [
      row.key as string,
      {
        record: row.entity ? (toEntity(row.entity as Row) as unknown as Record<string, unknown>) : {},
        links: row.links as Snapshot['links'],
      },
    ]),
  );
}

/** Runs `write` between two snapshots of `keys`; returns its result and what changed. */
export async function observed<T>(
  run: TxRun,
  keys: readonly string[],
  view: View,
  write: () => Promise<T>,
): Promise<{ result: T; changed: Changed[] }> {
  const before = await snapshots(run, keys, view);
  const result = await write();
  const after = await snapshots(run, keys, view);
  return {
    result,
    changed: [...new Set(keys)].map((key) => ({
      key,
      before: before.get(key) ?? null,
      after: after.get(key) ?? null,
    })),
  };
}
