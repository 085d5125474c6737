/**
 * What a committed write tells subscribers, as the plain JSON that travels between instances: the
 * facts a subscription filters on and the keys its payload is read by, never the records themselves
 * (each subscriber reads those through the normal types, with its own selection and role).
 */

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
}

/** A change to one entity (events included), as `entityChanged` and `eventUpdated` report it. */
export interface NodeChanged {
  key: string;
  change: ChangeKind;
  /** UPDATED: the fields whose values changed, and the link fields the write set. */
  fields: string[];
  /** LINKED/UNLINKED: the relationship type, and the key of the node at its other end. */
  relationship: string | null;
  other: string | null;
}

/** One thing a write changed: a new statement, or a change to the node with this key. */
export type Change = { statementAdded: StatementAdded } | { nodeChanged: NodeChanged };

/** The links of a statement by relationship type, as addStatement's input names them (entity keys). */
export interface StatementLinks {
  speaker: string;
  onBehalfOf: readonly string[];
  addressedTo: readonly string[];
  about: readonly string[];
}

const linkChange = (key: string, change: ChangeKind, relationship: string, other: string): Change => ({
  nodeChanged: { key, change, fields: [], relationship, other },
});

/** Each entity a statement links to, told of the link (or of its removal, when the statement goes). */
export function statementLinkChanges(
  statementKey: string,
  links: StatementLinks,
  change: 'LINKED' | 'UNLINKED',
): Change[] {
  const typed: [string, readonly string[]][] = [
    ['SAID_BY', [links.speaker]],
    ['ON_BEHALF_OF', links.onBehalfOf],
    ['ADDRESSED_TO', links.addressedTo],
    ['ABOUT', links.about],
  ];
  return typed.flatMap(([type, keys]) =>
    [...new Set(keys)].map((key) => linkChange(key, change, type, statementKey)),
  );
}

/** A new statement: announced to statementAdded, and to each entity it links. */
export function statementAddedChanges(
  statement: { key: string; kind: string; date: { earliest: string; latest: string } | null },
  links: StatementLinks,
): Change[] {
  const added: StatementAdded = {
    key: statement.key,
    kind: statement.kind,
    speaker: links.speaker,
    onBehalfOf: [...links.onBehalfOf],
    addressedTo: [...links.addressedTo],
    about: [...links.about],
    dateEarliest: statement.date?.earliest ?? null,
    dateLatest: statement.date?.latest ?? null,
  };
  return [{ statementAdded: added }, ...statementLinkChanges(statement.key, links, 'LINKED')];
}

/**
 * An upsert: CREATED, or UPDATED with the fields whose values differ and the link fields it set;
 * nothing when it changed nothing.
 */
export function upsertChanges<T extends { key: string }>(
  before: T | null,
  after: T,
  linkFields: readonly string[],
): Change[] {
  const changed = (change: ChangeKind, fields: string[]): Change[] => [
    { nodeChanged: { key: after.key, change, fields, relationship: null, other: null } },
  ];
  if (!before) return changed('CREATED', []);
  const value = (record: T, name: string) =>
    JSON.stringify((record as Record<string, unknown>)[name] ?? null);
  const fields = [
    ...Object.keys(after).filter((name) => value(before, name) !== value(after, name)),
    ...linkFields,
  ];
  return fields.length ? changed('UPDATED', fields) : [];
}

/** A relationship made or removed by link/unlink: each end is told, with the other end's key. */
export const linkChanges = (
  from: string,
  to: string,
  type: string,
  change: 'LINKED' | 'UNLINKED',
): Change[] => [linkChange(from, change, type, to), linkChange(to, change, type, from)];

/** A node deleted. */
export const deletedChange = (key: string): Change => ({
  nodeChanged: { key, change: 'DELETED', fields: [], relationship: null, other: null },
});
