/**
 * What a committed write tells subscribers, as the plain JSON that travels between instances: the
 * facts a subscription filters on, the keys its payload is read by, and the record the write made when
 * it has it (which primes the event's loaders: a subscriber selecting only its fields needs no read;
 * links and other nodes are read through the normal types, with the subscriber's own selection).
 */
import { typeOfKey } from '../model/keys.js';
import { ENTITY_LABELS, type EntityRecord, type StatementRecord } from '../model/records.js';
import type { Changed, Snapshot } from '../queries/writes/snapshot.js';

/** How a node changed. */
export const CHANGE_KINDS = ['CREATED', 'UPDATED', 'LINKED', 'UNLINKED', 'DELETED'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** A statement a write created, with what `statementAdded(filter:)` matches on. */
export interface StatementAdded {
  key: string;
  kind: string;
  speaker: string;
  onBehalfOf: string[];
  addressedTo: string[];
  about: string[];
  /** The widest reading of its date (ISO days), null when undated. */
  dateEarliest: string | null;
  dateLatest: string | null;
  /** The statement as stored. */
  record: StatementRecord;
}

/** A change to one entity (events included), as `entityChanged` and `eventUpdated` report it. */
export interface NodeChanged {
  key: string;
  change: ChangeKind;
  /** UPDATED: the fields whose values changed. */
  fields: string[];
  /** LINKED/UNLINKED: the relationship type, and the key of the node at its other end. */
  relationship: string | null;
  other: string | null;
  /** The entity as the write left it, when the change is its own and it still exists. */
  record: EntityRecord | null;
}

/**
 * A change as subscribers receive it: with the bookmarks of the write that made it, so that what they
 * read of it waits for that write, whichever cluster member serves the read.
 */
export type Announced<T> = T & { bookmarks: readonly string[] };

/** One thing a write changed: a new statement, or a change to the node with this key. */
export type Change = { statementAdded: StatementAdded } | { nodeChanged: NodeChanged };

/** The entity fields an UPDATED change compares. */
const ENTITY_FIELDS = ['name', 'aliases', 'description', 'kind', 'location', 'start', 'end'] as const;

const isEntityKey = (key: string) => (ENTITY_LABELS as readonly string[]).includes(typeOfKey(key) ?? '');

const nodeChanged = (
  key: string,
  change: ChangeKind,
  fields: string[] = [],
  relationship: string | null = null,
  other: string | null = null,
  record: Snapshot['record'] | null = null,
): Change => ({
  nodeChanged: { key, change, fields, relationship, other, record: record as EntityRecord | null },
});

/**
 * What the subscribers of each entity are told of a write, from its before-and-after view of the nodes
 * it touched: the node itself CREATED, UPDATED (with the fields that differ) or DELETED, and for every
 * relationship made or removed, LINKED/UNLINKED on both ends. Only entities have subscribers.
 */
export function changesOf(changed: readonly Changed[]): Change[] {
  const changes: Change[] = [];
  const tell = (key: string, change: Change) => {
    if (isEntityKey(key)) changes.push(change);
  };
  for (const { key, before, after } of changed) {
    if (!before && after) tell(key, nodeChanged(key, 'CREATED', [], null, null, after.record));
    if (before && !after) tell(key, nodeChanged(key, 'DELETED'));
    if (before && after) {
      const value = (snapshot: Snapshot, name: string) => JSON.stringify(snapshot.record[name] ?? null);
      const fields = ENTITY_FIELDS.filter((name) => value(before, name) !== value(after, name));
      if (fields.length) tell(key, nodeChanged(key, 'UPDATED', fields, null, null, after.record));
    }
    const linkSet = (snapshot: Snapshot | null) =>
      new Set((snapshot?.links ?? []).map(({ type, other, id }) => JSON.stringify([type, other, id])));
    const was = linkSet(before);
    const is = linkSet(after);
    const report = (links: Set<string>, without: Set<string>, change: 'LINKED' | 'UNLINKED') => {
      for (const link of links) {
        if (without.has(link)) continue;
        const [type, other] = JSON.parse(link) as [string, string];
        // A deleted node's own UNLINKED events say nothing its DELETED does not.
        if (after) tell(key, nodeChanged(key, change, [], type, other, after.record));
        tell(other, nodeChanged(other, change, [], type, key));
      }
    };
    report(is, was, 'LINKED');
    report(was, is, 'UNLINKED');
  }
  // A relationship between two observed nodes is seen from both: tell each end once (with its record,
  // where one of the two views has it).
  const once = new Map<string, Change>();
  for (const change of changes) {
    if (!('nodeChanged' in change)) continue;
    const { record, ...rest } = change.nodeChanged;
    const id = JSON.stringify(rest);
    const seen = once.get(id);
    if (!seen || (record && !(seen as { nodeChanged: NodeChanged }).nodeChanged.record)) once.set(id, change);
  }
  return [...once.values()];
}

/** A new statement as statementAdded announces it, from its record and its links after the write. */
export function statementAdded(statement: StatementRecord, after: Snapshot): Change {
  const linked = (type: string) => after.links.filter((l) => l.type === type).map((l) => l.other);
  return {
    statementAdded: {
      key: statement.key,
      kind: statement.kind,
      speaker: linked('SAID_BY')[0] ?? '',
      onBehalfOf: linked('ON_BEHALF_OF'),
      addressedTo: linked('ADDRESSED_TO'),
      about: linked('ABOUT'),
      dateEarliest: statement.date?.earliest ?? null,
      dateLatest: statement.date?.latest ?? null,
      record: statement,
    },
  };
}
