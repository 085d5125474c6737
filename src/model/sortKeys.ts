/**
 * The stored sort values lists walk in index order (see the `*_sort` and `event_order` indexes). Every
 * write of a node sets its value with these formulas, and the synthetic loader uses the same ones.
 */

/** An entity's `sortKey`: its lower-cased name, then its key (unique). */
export const entitySortKey = (name: string, key: string) => `${name.toLowerCase()}|${key}`;

/** A statement's `sortKey`: where its first evidence is in its source, then its key. */
export const statementSortKey = (sourceKey: string, start: number, key: string) =>
  `${sourceKey}|${String(start).padStart(9, '0')}|${key}`;

/**
 * An event's `startOrder`, as a Cypher expression over `n`: its earliest start day (undated events
 * last), then its key, as one string in the event_order index, so a list of events walks the index
 * instead of sorting every event. A migration fills it in on older graphs.
 */
export const START_ORDER = "coalesce(n.startEarliest, '9999-12-31') + '|' + n.key";

/**
 * A statement's `dateOrder`, as a Cypher expression over the variable `v`: its earliest day, undated statements as
 * '0000-00-00' (last, newest first), in the statement_order index, so a list of statements walks the
 * index (and seeks to a period) instead of sorting every statement. A migration fills it in on older graphs.
 */
export const dateOrderOf = (v: string) => `coalesce(${v}.dateEarliest, '0000-00-00')`;
