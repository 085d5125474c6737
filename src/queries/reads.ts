/**
 * Reads ahead: the pages of relations a client selected below a node (a person's statements, each
 * statement's links, an organisation's members and theirs), compiled into the query that reads the node
 * itself, one `CALL` subquery per page, nested as the selection is. One query then answers what the
 * connection and link loaders would have read in one query per level. Every label, type and link name
 * comes from the allow-lists (RELATIONS, the links of nodes); values are parameters, named per page.
 */
import type { Database, Row } from '../db/database.js';
import { ENTITY_LABELS } from '../model/records.js';
import { type KeyedLabel, linksIn, linksMap, NODE_PROJECTIONS, NODE_RECORDS } from './nodes.js';
import {
  type Connection,
  orderBy,
  type Page,
  type PageArgs,
  pageClauses,
  pageParams,
  toConnection,
} from './pagination.js';
import { entitySummaryMap } from './projections.js';
import {
  matchClause,
  type NodeLinks,
  RELATIONS,
  type Relation,
  type RelationFilter,
  type RelationName,
  toRelationEdges,
} from './relations.js';

/** The labels a read can be narrowed to: the types of nodes, as a fragment names them (an allow-list). */
export const READ_LABELS = [...ENTITY_LABELS, 'Source', 'Statement'] as const;
export type ReadLabel = (typeof READ_LABELS)[number];

/** A page of a relation to read below each node of the level above, and what to read below its nodes. */
export interface Read {
  relation: RelationName;
  /** The field's page and filter arguments as the client gave them, and the page they make. */
  args: PageArgs & RelationFilter;
  page: Page;
  /**
   * The fields selected on the listed nodes, as the field's resolver names them (its loader's key):
   * those among the relation's nodeLinks are read along.
   */
  links: readonly string[];
  /** Whether totalCount was selected: counted in the same query. */
  count: boolean;
  /** Read only below nodes with this label (a selection inside `... on Person`). */
  on?: ReadLabel;
  below: readonly Read[];
}

/** One read's answer below one node: its page's rows, and its total when counted. */
export interface ReadAnswer {
  read: Read;
  parentKey: string;
  connection: Connection<unknown>;
  total?: number;
  /** The listed nodes' links read along, by node key. */
  links: Map<string, Row>;
}

/** The relation a read pages. */
export const relationOfRead = (read: Read) => RELATIONS[read.relation] as Relation<unknown>;

/**
 * The `CALL` clauses reading `reads` below the node bound to `n`, and the Cypher map expression of their
 * answers (to return beside the node). `prefix` names this level's parameters and columns.
 */
function readClauses(reads: readonly Read[], prefix = 'r'): { clauses: string[]; answers: string } {
  const clauses: string[] = [];
  const entries: string[] = [];
  reads.forEach((read, i) => {
    const name = `${prefix}${i}`;
    const relation = relationOfRead(read);
    const only = read.on ? ` WHERE p:${read.on}` : '';
    // The parent goes in under a name of its own: a node imported as `n` stays `n` inside the subquery,
    // even after `WITH n AS p`, and the relation's pattern binds `n` anew.
    const parent = `${name}_p`;
    const start = `WITH ${parent} AS p${only} ${matchClause(relation, `${name}_`)}`;
    clauses.push(`WITH *, n AS ${parent}`);
    const kept = relation.distinct ? 'n' : '*';
    const nested = readClauses(read.below, `${name}_`);
    const wanted = linksIn(relation.nodeLinks?.links, read.links);
    const links = wanted.length ? `, links: ${linksMap(relation.nodeLinks?.links ?? {}, wanted)}` : '';
    // Aggregates only: a parent outside `on`, or with an empty page, still answers (one row, no edges).
    // The order is restated before collecting: nothing promises that the nested CALLs keep it.
    clauses.push(
      [
        `CALL (${parent}) { ${start}`,
        ...pageClauses(relation.ordering, read.page, [], kept, `${name}_`),
        ...nested.clauses,
        ...(nested.clauses.length ? [`WITH * ORDER BY ${orderBy(relation.ordering, read.page)}`] : []),
        `RETURN collect({ cursor: cursor, key: n.key, row: ${relation.project}${links}, below: ${nested.answers} }) AS ${name} }`,
      ].join(' '),
    );
    entries.push(`${name}: ${name}`);
    // Whether the parent is of the fragment's type: the answer of one that is not belongs to no field.
    if (read.on) entries.push(`${name}_on: n:${read.on}`);
    if (read.count) {
      clauses.push(
        `CALL (${parent}) { ${start} RETURN count(${relation.distinct ? 'DISTINCT ' : ''}n) AS ${name}_total }`,
      );
      entries.push(`${name}_total: ${name}_total`);
    }
    if (relation.withParent) entries.push(`${name}_parent: ${entitySummaryMap('n')}`);
  });
  return { clauses, answers: entries.length ? `{ ${entries.join(', ')} }` : '{}' };
}

/** The parameters of readClauses' queries: each page's cursors and limit, and each filter. */
export function readParams(reads: readonly Read[], prefix = 'r'): Row {
  return Object.assign(
    {},
    ...reads.map((read, i) => {
      const name = `${prefix}${i}`;
      return {
        ...pageParams(read.page, `${name}_`),
        [`${name}_role`]: read.args.role ?? null,
        ...readParams(read.below, `${name}_`),
      };
    }),
  );
}

interface AnswerRow {
  cursor: unknown[];
  key: string;
  row: Row;
  links?: Row;
  below: Row;
}

/** The answers of readClauses below the node `parentKey` (its `answers` map), every level of them. */
export function toReadAnswers(
  reads: readonly Read[],
  parentKey: string,
  answers: Row,
  prefix = 'r',
): ReadAnswer[] {
  return reads.flatMap((read, i) => {
    const name = `${prefix}${i}`;
    const relation = relationOfRead(read);
    if (read.on && answers[`${name}_on`] !== true) return [];
    const rows = (answers[name] ?? []) as AnswerRow[];
    const edges = toRelationEdges(relation, { rows, parent: answers[`${name}_parent`] });
    const total = answers[`${name}_total`];
    const answer: ReadAnswer = {
      read,
      parentKey,
      connection: toConnection(relation.ordering, read.page, edges, async () => Number(total ?? 0)),
      ...(total === undefined ? {} : { total: Number(total) }),
      links: new Map(rows.flatMap((r) => (r.links ? [[r.key, r.links] as const] : []))),
    };
    // The page's extra row (one past the limit, to tell whether more follow) is no node of the answer.
    const shown = rows.slice(0, read.page.limit);
    return [answer, ...shown.flatMap((r) => toReadAnswers(read.below, r.key, r.below, `${name}_`))];
  });
}

/** What to read along with a level of nodes: some of their links, and the reads below them. */
export interface Ahead {
  links: readonly string[];
  reads: readonly Read[];
}

/** Nothing read ahead: the level's nodes alone. */
export const NOTHING_AHEAD: Ahead = { links: [], reads: [] };

/** What a query read ahead below its level of nodes, for the loaders (see loaders/reads.ts). */
export interface AheadAnswers {
  reads: ReadAnswer[];
  /** The level's own nodes' links, by node key, and the kind of node they belong to. */
  links: Map<string, Row>;
  label?: NodeLinks['label'];
}

/**
 * The clauses reading `ahead` for the level of nodes bound to `n` (whose links come from `nodeLinks`),
 * and the columns returning it (`, … AS links, … AS below`, each only when there is something to read),
 * to follow the level's page clauses.
 */
export function aheadClauses(ahead: Ahead, nodeLinks?: NodeLinks): { clauses: string[]; columns: string } {
  const wanted = linksIn(nodeLinks?.links, ahead.links);
  const { clauses, answers } = readClauses(ahead.reads);
  const columns = [
    ...(nodeLinks && wanted.length ? [`${linksMap(nodeLinks.links, wanted)} AS links`] : []),
    ...(ahead.reads.length ? [`${answers} AS below`] : []),
  ];
  return { clauses, columns: columns.map((c) => `, ${c}`).join('') };
}

/** The answers of aheadClauses' columns over a level's rows (those shown, not the extra one). */
export function toAheadAnswers(
  ahead: Ahead,
  rows: readonly { key: string; links: unknown; below: unknown }[],
  nodeLinks?: NodeLinks,
): AheadAnswers {
  return {
    reads: rows.flatMap((r) => toReadAnswers(ahead.reads, r.key, (r.below ?? {}) as Row)),
    links: new Map(rows.flatMap((r) => (r.links ? [[r.key, r.links as Row] as const] : []))),
    ...(nodeLinks ? { label: nodeLinks.label } : {}),
  };
}

/** The query of one node by key with what is read ahead below it (queries/reads.ts): one row, or none. */
export function nodeAheadCypher(label: KeyedLabel, ahead: Ahead): string {
  const read = aheadClauses(ahead);
  return [
    `MATCH (n:${label} {key: $key})`,
    ...read.clauses,
    `RETURN ${NODE_PROJECTIONS[label]} AS node${read.columns}`,
  ].join(' ');
}

/** One node by key and what was read ahead below it: null (and nothing read) when there is none. */
export async function readNodeAhead(db: Database, label: KeyedLabel, key: string, ahead: Ahead) {
  const [row] = await db.read(`node.${label}`, nodeAheadCypher(label, ahead), {
    key,
    ...readParams(ahead.reads),
  });
  if (!row) return { node: null, ahead: toAheadAnswers(ahead, []) };
  return {
    node: NODE_RECORDS[label](row.node as Row),
    ahead: toAheadAnswers(ahead, [{ key, links: row.links, below: row.below }]),
  };
}
