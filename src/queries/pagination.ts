/**
 * Relay cursor connections with keyset cursors. Every list has a fixed ordering (a tuple of Cypher
 * expressions over `n`, `r` or `score`, ending in something unique); a cursor holds the tuple of the row
 * it points at, so pages stay stable when rows are inserted between requests. Orderings are constants:
 * user values only ever reach Cypher as parameters.
 */
import { badInput } from '../errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Ordering {
  /** Tag stored in the cursor, so a cursor of one list is refused by another. */
  name: string;
  terms: readonly { expr: string; desc?: boolean }[];
}

/** The page arguments of the contract, as clients send them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Page arguments checked and decoded against one ordering. */
export interface Page {
  limit: number;
  /** Walking backwards (`last`): query in reverse order, then reverse the rows. */
  backward: boolean;
  after: unknown[] | null;
  before: unknown[] | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** One page of a connection; `count` runs only if the client selects totalCount. */
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  count: () => Promise<number>;
}

export function encodeCursor(ordering: Ordering, values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify([ordering.name, ...values]), 'utf8').toString('base64url');
}

function decodeCursor(ordering: Ordering, cursor: string, argument: string): unknown[] {
  const invalid = () => badInput(`${argument} is not a valid cursor for this list`, { argument });
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed[0] !== ordering.name || parsed.length !== ordering.terms.length + 1) {
    throw invalid();
  }
  const values = parsed.slice(1);
  if (!values.every((v) => typeof v === 'string' || typeof v === 'number')) throw invalid();
  return values;
}

function checkCount(value: number | null | undefined, argument: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (value < 0) throw badInput(`${argument} must not be negative`, { argument });
  if (value > MAX_PAGE_SIZE) {
    throw badInput(`${argument} must be at most ${MAX_PAGE_SIZE} (the maximum page size)`, { argument });
  }
  return value;
}

/** Checks page arguments (BAD_USER_INPUT naming the argument) and decodes their cursors. */
export function toPage(ordering: Ordering, args: PageArgs): Page {
  const first = checkCount(args.first, 'first');
  const last = checkCount(args.last, 'last');
  if (first !== undefined && last !== undefined) {
    throw badInput('Pass either first or last, not both', { argument: 'last' });
  }
  return {
    limit: first ?? last ?? DEFAULT_PAGE_SIZE,
    backward: last !== undefined,
    after: args.after ? decodeCursor(ordering, args.after, 'after') : null,
    before: args.before ? decodeCursor(ordering, args.before, 'before') : null,
  };
}

/**
 * Rows strictly after (or before) the cursor's tuple: `t0 >= $c0 AND CASE WHEN t0 = $c0 THEN <the same
 * for t1…> ELSE true END`, the last term strict. Written without OR on purpose: the leading bound is one
 * index range the walk seeks to, where `(t0 > $c0) OR (t0 = $c0 AND …)` made Neo4j seek both halves,
 * union and sort them (36,000 rows read for a page of 20, at the middle of 130,000 statements).
 */
function keysetCondition(ordering: Ordering, param: string, after: boolean): string {
  const condition = (i: number): string => {
    const term = ordering.terms[i] as Ordering['terms'][number];
    const op = (term.desc ? !after : after) ? '>' : '<';
    if (i === ordering.terms.length - 1) return `${term.expr} ${op} $${param}[${i}]`;
    return `${term.expr} ${op}= $${param}[${i}] AND CASE WHEN ${term.expr} = $${param}[${i}] THEN ${condition(i + 1)} ELSE true END`;
  };
  return condition(0);
}

/** The conditions (to be joined with AND) that bound the rows to the page's cursors: none without one. */
export function keysetConditions(ordering: Ordering, page: Page, prefix = ''): string[] {
  const parts: string[] = [];
  if (page.after) parts.push(`(${keysetCondition(ordering, `${prefix}after`, true)})`);
  if (page.before) parts.push(`(${keysetCondition(ordering, `${prefix}before`, false)})`);
  return parts;
}

/**
 * ` WHERE c1 AND c2 …`, or nothing without a condition. Never a constant `true` in their place: `WHERE
 * true AND <range>` kept Neo4j from seeking the range in an index.
 */
export const whereClause = (conditions: readonly string[]) =>
  conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';

/** `ORDER BY` terms for the page's direction. */
export function orderBy(ordering: Ordering, page: Page): string {
  return ordering.terms
    .map((t) => `${t.expr} ${(t.desc ?? false) !== page.backward ? 'DESC' : 'ASC'}`)
    .join(', ');
}

/** The cursor tuple as a Cypher list expression, returned beside each row. */
function cursorExpr(ordering: Ordering): string {
  return `[${ordering.terms.map((t) => t.expr).join(', ')}]`;
}

/**
 * The clauses of a page query after the MATCH that binds the ordering's variables, one a line for the
 * caller to indent: the rows meeting every condition and past the page's cursors, each with its cursor
 * tuple (`cursor`), in page order, at most `$limit` of them (see pageParams). `kept` is what the WITHs
 * carry on: `*`, or the variables still needed after a `WITH DISTINCT`. Conditions are constant Cypher
 * (values as parameters). `prefix` names the page's parameters, for several pages in one query.
 */
export function pageClauses(
  ordering: Ordering,
  page: Page,
  conditions: readonly string[] = [],
  kept = '*',
  prefix = '',
): string[] {
  return [
    `WITH ${kept}${whereClause([...conditions, ...keysetConditions(ordering, page, prefix)])}`,
    `WITH ${kept}, ${cursorExpr(ordering)} AS cursor`,
    `ORDER BY ${orderBy(ordering, page)}`,
    `LIMIT $${prefix}limit`,
  ];
}

/** The last clause of a count query: how many `n` the rows hold (`distinct`: each `n` once). */
export function countClause(distinct = false): string {
  return `RETURN count(${distinct ? 'DISTINCT ' : ''}n) AS total`;
}

/** Parameters the keyset conditions and limit refer to (one extra row tells whether more follow). */
export function pageParams(page: Page, prefix = '') {
  return {
    [`${prefix}after`]: page.after,
    [`${prefix}before`]: page.before,
    [`${prefix}limit`]: page.limit + 1,
  };
}

/**
 * Builds the connection from rows fetched with pageParams (in query order, at most limit + 1 rows,
 * each with its cursor tuple).
 */
export function toConnection<T>(
  ordering: Ordering,
  page: Page,
  rows: readonly { cursor: unknown[]; node: T }[],
  count: () => Promise<number>,
): Connection<T> {
  const more = rows.length > page.limit;
  const kept = rows.slice(0, page.limit);
  if (page.backward) kept.reverse();
  const edges = kept.map((row) => ({ cursor: encodeCursor(ordering, row.cursor), node: row.node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.backward ? page.before !== null : more,
      hasPreviousPage: page.backward ? more : page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    count,
  };
}

// The orderings of lists and relations over stored sort values (model/sortKeys.ts); each ends in
// something unique.
export const BY_NAME: Ordering = { name: 'name', terms: [{ expr: 'n.sortKey' }] };
/** Sources by key. */
export const BY_SOURCE_KEY: Ordering = { name: 'source', terms: [{ expr: 'n.key' }] };
/** Events by their stored `startOrder` (model/sortKeys.ts). */
export const BY_START: Ordering = { name: 'start', terms: [{ expr: 'n.startOrder' }] };
/** Statements: newest first by their stored `dateOrder` (model/sortKeys.ts), then in the order the source reports them. */
export const NEWEST_FIRST: Ordering = {
  name: 'newest',
  terms: [{ expr: 'n.dateOrder', desc: true }, { expr: 'n.sortKey' }],
};
