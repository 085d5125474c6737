import type { GraphQLResolveInfo } from 'graphql';
import { notFound } from '../../errors.js';
import { readAhead } from '../../loaders/reads.js';
import { ENTITY_LABELS, type EntityLabel, type EntityRecord, type EntityShape } from '../../model/records.js';
import { neighbourhood, shortestPaths } from '../../queries/graph.js';
import type { KeyedLabel } from '../../queries/nodes.js';
import type { Context } from '../context.js';
import { aheadOfField } from '../reads.js';
import { type DecodedId, endpointOfDecoded, idText } from './ids.js';

/** The label a node of this GraphQL type is read by key under (entities share one). */
const keyedLabelOf = (typename: string): KeyedLabel | null =>
  ENTITY_LABELS.includes(typename as EntityLabel)
    ? 'Entity'
    : typename === 'Source' || typename === 'Statement'
      ? typename
      : null;

/**
 * Query.node: the node, read in one query with everything its selection pages below it (see
 * schema/reads.ts); Relay's own resolution then finds it loaded.
 */
export async function nodeWithReads(
  ctx: Context,
  info: GraphQLResolveInfo,
  id: DecodedId,
  resolveNode: (id: DecodedId) => unknown,
): Promise<unknown> {
  const label = keyedLabelOf(id.typename);
  if (label) await readAhead(ctx.loaders, ctx.db, label, id.id, aheadOfField(info));
  return resolveNode(id);
}

/** Query.entity: the entity of any type, read in one query with everything its selection pages below it. */
export async function entityWithReads(ctx: Context, info: GraphQLResolveInfo, key: string) {
  await readAhead(ctx.loaders, ctx.db, 'Entity', key, aheadOfField(info));
  return ctx.loaders.entityByKey.load(key);
}

/** Most ids one `nodes` query takes. */
export const MAX_IDS = 100;

/**
 * A link every node of its kind has (a statement's speaker, an evidence's source): missing only if the
 * node was deleted while this request read it, which is NOT_FOUND rather than a null the schema forbids.
 */
export function required<T>(value: T | null | undefined, key: string): T {
  if (value == null) throw notFound(`${key} was deleted while this request read it`, { key });
  return value;
}

/** Entities of one type by key, for Relay's node/nodes: null where there is none of that type. */
export async function entitiesOfType(
  ctx: Context,
  keys: readonly string[],
  type: EntityLabel,
): Promise<(EntityShape | null)[]> {
  const found = await Promise.all(keys.map((key) => ctx.loaders.entityByKey.load(key)));
  return found.map((entity) => (entity?.label === type ? entity : null));
}

/** An entity with every field, loading it (batched) when only its summary was read as someone's link. */
async function fullEntity(ctx: Context, entity: EntityShape): Promise<EntityRecord> {
  if (entity.full) return entity;
  return required(await ctx.loaders.entityByKey.load(entity.key), entity.key);
}

/** A resolver for an entity field that a summary does not hold (everything but key, name and type). */
export const fromFullEntity =
  <T>(pick: (entity: EntityRecord) => T) =>
  async (entity: EntityShape, _args: unknown, ctx: Context) =>
    pick(await fullEntity(ctx, entity));

export interface PathArgs {
  from: DecodedId;
  to: DecodedId;
  maxLength?: number | null;
  types?: readonly string[] | null;
  exclude?: readonly DecodedId[] | null;
}

/** Graph queries' defaults when an argument is not given (the node limit counts them too). */
export const GRAPH_DEFAULTS = { maxLength: 6, paths: 10, neighbourhood: 100 } as const;

function pathOptions(args: PathArgs) {
  return {
    from: endpointOfDecoded(args.from, 'from'),
    to: endpointOfDecoded(args.to, 'to'),
    options: {
      maxLength: args.maxLength ?? GRAPH_DEFAULTS.maxLength,
      types: args.types,
      exclude: (args.exclude ?? []).map((id) => id.id),
    },
  };
}

/** Query.path: one shortest path, or null. */
export async function pathBetween(ctx: Context, args: PathArgs) {
  const { from, to, options } = pathOptions(args);
  const [path] = await shortestPaths(ctx.db, from, to, options);
  return path ?? null;
}

/** Query.paths: every shortest path, up to `limit`. */
export function allPathsBetween(ctx: Context, args: PathArgs & { limit?: number | null }) {
  const { from, to, options } = pathOptions(args);
  return shortestPaths(ctx.db, from, to, {
    ...options,
    all: true,
    limit: args.limit ?? GRAPH_DEFAULTS.paths,
  });
}

/** Query.neighbourhood; an unknown centre is NOT_FOUND since the result is not nullable. */
export async function neighbourhoodOf(
  ctx: Context,
  args: { id: DecodedId; depth?: number | null; limit?: number | null; types?: readonly string[] | null },
) {
  const subgraph = await neighbourhood(
    ctx.db,
    endpointOfDecoded(args.id, 'id'),
    args.depth ?? 1,
    args.limit ?? GRAPH_DEFAULTS.neighbourhood,
    args.types,
  );
  if (!subgraph) throw notFound(`no node has id "${idText(args.id)}"`, { argument: 'id' });
  return subgraph;
}
