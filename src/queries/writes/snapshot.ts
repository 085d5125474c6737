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
  /** Each relationship by type and the key of the node at its other end. */
  links: { type: string; other: string }[];
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

const SNAPSHOT = `
  UNWIND $keys AS key
  MATCH (n {key: key}) WHERE n:Entity OR n:Statement
  RETURN key, CASE WHEN n:Entity THEN ${entityMap('n')} END AS entity,
    [(n)-[r]-(m) WHERE type(r) IN $types AND m.key IS NOT NULL | { type: type(r), other: m.key }] AS links`;

/** The relationships an entity upsert may change (besides its own fields). */
export const UPSERT_LINK_TYPES = ['BASED_IN', 'OCCURRED_IN', 'PART_OF', 'PARTICIPATED_IN'];
/** A statement's links to entities, which adding it again may change. */
export const STATEMENT_LINK_TYPES = ['SAID_BY', 'ON_BEHALF_OF', 'ADDRESSED_TO', 'ABOUT'];
/** Every relationship type an entity can have besides statements', for one about to be deleted. */
export const ENTITY_LINK_TYPES = [...UPSERT_LINK_TYPES, 'AFFILIATED_WITH', 'LOCATED_IN', 'MENTIONS'];

/** The entities or statements with these keys as they are now in the transaction (absent: none). */
export async function snapshots(
  run: TxRun,
  keys: readonly string[],
  types: readonly string[],
): Promise<Map<string, Snapshot>> {
  if (keys.length === 0) return new Map();
  const rows = await run('snapshot', SNAPSHOT, { keys: [...new Set(keys)], types });
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
  types: readonly string[],
  write: () => Promise<T>,
): Promise<{ result: T; changed: Changed[] }> {
  const before = await snapshots(run, keys, types);
  const result = await write();
  const after = await snapshots(run, keys, types);
  return {
    result,
    changed: [...new Set(keys)].map((key) => ({
      key,
      before: before.get(key) ?? null,
      after: after.get(key) ?? null,
    })),
  };
}
