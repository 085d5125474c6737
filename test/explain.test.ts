/**
 * Every list field of the schema (root and nested) with every combination of its filter arguments, run
 * through the GraphQL endpoint on a synthetic graph: each Cypher query it sends is explained, and its
 * plan must start from what the arguments pin down. Fields and filters are read from the schema, so a
 * new one is covered without touching this file.
 */
import {
  type GraphQLArgument,
  GraphQLEnumType,
  type GraphQLField,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  getNamedType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { toParams } from '../src/db/convert.js';
import type { Row } from '../src/db/database.js';
import { toGlobalId } from '../src/model/globalId.js';
import { ORGANISATION_KINDS, PLACE_KINDS } from '../src/model/vocabulary.js';
import { schema } from '../src/schema/index.js';
import { loadSynthetic } from '../src/seed/synthetic.js';
import { Database } from '../src/testing.js';
import { createTestApp, graphqlClient, tokenFor, useTestGraph } from './helpers.js';

const { db, driver } = useTestGraph();

/** Every read query the app sends, recorded as it goes to Neo4j. */
const sent: { name: string; cypher: string; params: Row }[] = [];
class RecordingDatabase extends Database {
  override forRequest(...args: Parameters<Database['forRequest']>) {
    const window = super.forRequest(...args);
    const read = window.read.bind(window);
    window.read = (name, cypher, params = {}) => {
      sent.push({ name, cypher, params });
      return read(name, cypher, params);
    };
    return window;
  }
}
// Admin: every list field, the analysts' and the editors' (drafts) too.
const gql = graphqlClient(createTestApp(new RecordingDatabase(driver, db.database)), {
  token: await tokenFor('admin'),
});

/** Operators that read a whole label (or every node), or a whole index in its order. */
const WHOLE = new Set(['NodeByLabelScan', 'AllNodesScan', 'NodeIndexScan']);
/** Operators that sort everything below them (a walk in index order needs none). */
const SORTS = new Set(['Sort', 'Top']);

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}
const operator = (p: PlanNode) => p.operatorType.replace(/@.*$/, '');
const flatten = (p: PlanNode): PlanNode[] => [p, ...p.children.flatMap(flatten)];

async function explain(cypher: string, params: Row): Promise<PlanNode> {
  const session = driver.session({ database: db.database, defaultAccessMode: 'READ' });
  try {
    const result = await session.run(`EXPLAIN ${cypher}`, toParams(params) as Row);
    return result.summary.plan as unknown as PlanNode;
  } finally {
    await session.close();
  }
}

/**
 * What is wrong with a plan: with a narrower start given (`anchored`), any read of a whole label or
 * index; without, a sort over one (the list must walk its index in order instead).
 */
function faults(plan: PlanNode, anchored: boolean): string[] {
  const wholes = (p: PlanNode) => flatten(p).filter((q) => WHOLE.has(operator(q)));
  if (anchored) return wholes(plan).map((q) => `${operator(q)} ${q.arguments.Details ?? ''}`);
  return flatten(plan)
    .filter((q) => SORTS.has(operator(q)) && wholes(q).length > 0)
    .map((q) => `${operator(q)} over ${wholes(q).map(operator).join(', ')}`);
}

// Filters that narrow nothing an index can find: a fragment of a lower-cased name or alias, and kinds or
// a draft's status (a handful of values, each held by a large share of a list, which a walk in order
// meets soon).
const NOT_NARROWING = new Set(['nameContains', 'kinds', 'types', 'role', 'status']);
const PAGE_ARGS = new Set(['first', 'after', 'last', 'before']);

/** Keys of the synthetic graph's busiest node of each type (the hub of its power law). */
const HUBS: Record<string, string> = {
  Person: 'person/per-0',
  Organisation: 'organisation/org-0',
  Place: 'place/pla-0',
  Event: 'event/eve-0',
  Source: 'source/sou-0',
};
const unwrap = (type: GraphQLInputType): GraphQLInputType =>
  type instanceof GraphQLNonNull ? unwrap(type.ofType) : type;

/** Values to try for an argument of this type, in order; the first the API accepts is used. */
function candidates(type: GraphQLInputType): unknown[] {
  const bare = unwrap(type);
  if (bare instanceof GraphQLList) return candidates(bare.ofType).map((v) => [v]);
  if (bare instanceof GraphQLEnumType) return [bare.getValues()[0]?.name];
  switch (getNamedType(bare).name) {
    case 'ID':
      return Object.entries(HUBS).map(([type, key]) => toGlobalId(type, key));
    case 'String':
      return ['2000-06-01', 'an', ORGANISATION_KINDS[0], PLACE_KINDS[0]];
    case 'Int':
      return [2];
    default:
      throw new Error(`no sample value for an argument of type ${String(type)}: add one here`);
  }
}

interface ListField {
  /** `Query.statements`, `Person.statements`, … */
  name: string;
  /** The operation around the field's selection, given its arguments (as GraphQL text). */
  wrap: (args: string) => string;
  /** Its filter arguments, as paths: `filter.speaker`, `role`. */
  filters: { path: string[]; type: GraphQLInputType }[];
  /** Required arguments other than filters, each with its value. */
  required: Record<string, unknown>;
}

const isList = (field: GraphQLField<unknown, unknown>) =>
  getNamedType(field.type).name.endsWith('Connection');

function filtersOf(args: readonly GraphQLArgument[]) {
  return args
    .filter((a) => !PAGE_ARGS.has(a.name) && !(a.type instanceof GraphQLNonNull))
    .flatMap((a) => {
      const type = unwrap(a.type);
      return type instanceof GraphQLInputObjectType
        ? Object.values(type.getFields()).map((f) => ({ path: [a.name, f.name], type: f.type }))
        : [{ path: [a.name], type: a.type }];
    });
}

/** Every list field: the root's, and each object type's (reached through `node(id)` of a hub). */
function listFields(): ListField[] {
  const root = Object.values(schema.getQueryType()?.getFields() ?? {})
    .filter(isList)
    .map((field) => ({
      name: `Query.${field.name}`,
      wrap: (args: string) => `{ ${field.name}${args} { totalCount edges { cursor } } }`,
      filters: filtersOf(field.args),
      required: Object.fromEntries(
        field.args.filter((a) => a.type instanceof GraphQLNonNull).map((a) => [a.name, 'Anna Council']),
      ),
    }));
  const nested = Object.values(schema.getTypeMap())
    .filter((t): t is GraphQLObjectType => t instanceof GraphQLObjectType && t.name in HUBS)
    .flatMap((type) =>
      Object.values(type.getFields())
        .filter(isList)
        .map((field) => ({
          name: `${type.name}.${field.name}`,
          wrap: (args: string) =>
            `{ node(id: "${toGlobalId(type.name, HUBS[type.name] as string)}") { ... on ${type.name} { ${field.name}${args} { totalCount edges { cursor } } } } }`,
          filters: filtersOf(field.args),
          required: {},
        })),
    );
  return [...root, ...nested];
}

/** Every subset of `items`. */
function subsets<T>(items: readonly T[]): T[][] {
  const all: T[][] = [[]];
  for (const item of items) for (const subset of [...all]) all.push([...subset, item]);
  return all;
}

/** The field's arguments as GraphQL text (values as JSON literals, enums bare). */
function argumentText(values: Record<string, unknown>): string {
  const literal = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
    if (v && typeof v === 'object') {
      return `{ ${Object.entries(v)
        .map(([k, x]) => `${k}: ${literal(x)}`)
        .join(', ')} }`;
    }
    if (typeof v === 'string' && /^[A-Z][A-Z_]+$/.test(v)) return v;
    return JSON.stringify(v);
  };
  return `(${Object.entries({ first: 5, ...values })
    .map(([k, v]) => `${k}: ${literal(v)}`)
    .join(', ')})`;
}

function withValue(values: Record<string, unknown>, path: string[], value: unknown) {
  const [head, leaf] = path as [string, string | undefined];
  if (leaf === undefined) return { ...values, [head]: value };
  return { ...values, [head]: { ...(values[head] as object), [leaf]: value } };
}

/** The first candidate value of each filter the API accepts on this field, found by asking it. */
async function acceptedValues(field: ListField) {
  const accepted = new Map<string, unknown>();
  for (const filter of field.filters) {
    for (const value of candidates(filter.type)) {
      const response = await gql(field.wrap(argumentText(withValue(field.required, filter.path, value))));
      if (!response.errors) {
        accepted.set(filter.path.join('.'), value);
        break;
      }
    }
  }
  return accepted;
}

describe('every list field, with every combination of its filters', () => {
  beforeAll(async () => {
    await loadSynthetic(db, { entities: 2_000, seed: 3, clear: true });
  }, 120_000);

  it('starts from what the filters pin down, and walks in index order when nothing narrower is given', async () => {
    const fields = listFields();
    expect(fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['Query.statements', 'Person.statements']),
    );
    const explained = new Set<string>();
    const problems: string[] = [];
    for (const field of fields) {
      const accepted = await acceptedValues(field);
      const usable = field.filters.filter((f) => accepted.has(f.path.join('.')));
      for (const combination of subsets(usable)) {
        const values = combination.reduce(
          (v, f) => withValue(v, f.path, accepted.get(f.path.join('.'))),
          field.required,
        );
        const anchored = combination.some((f) => !NOT_NARROWING.has(f.path.at(-1) as string));
        sent.length = 0;
        const response = await gql(field.wrap(argumentText(values)));
        expect(response.errors, `${field.name}${argumentText(values)}`).toBeUndefined();
        expect(sent.length).toBeGreaterThan(0);
        const plans = await Promise.all(sent.map((query) => explain(query.cypher, query.params)));
        plans.forEach((plan, i) => {
          for (const fault of faults(plan, anchored)) {
            problems.push(`${field.name}${argumentText(values)} → ${sent[i]?.name}: ${fault}`);
          }
        });
        for (const f of combination) explained.add(f.path.at(-1) as string);
      }
    }
    expect(problems).toEqual([]);
    // Each filter of the API was explained on some list (none skipped for want of a value it accepts).
    const declared = new Set(fields.flatMap((f) => f.filters.map((x) => x.path.at(-1) as string)));
    expect([...declared].filter((name) => !explained.has(name))).toEqual([]);
  }, 600_000);
});
