import { badInput, notFound } from '../../errors.js';
import { endpointOfId, fromGlobalId } from '../../model/globalId.js';
import { lookupLabel } from '../../model/keys.js';
import type { EntityRecord } from '../../model/records.js';
import { type NodeRecord, neighbourhood, shortestPaths } from '../../queries/graph.js';
import type { Context } from '../context.js';

export const MAX_IDS = 100;

/** Query.node: the object behind a global id, or null when there is none. */
export async function nodeById(ctx: Context, id: string): Promise<NodeRecord | null> {
  const { type, key } = fromGlobalId(id);
  const label = lookupLabel(type);
  if (label === 'Statement') return ctx.loaders.statementByKey.load(key);
  if (label === 'Source') return ctx.loaders.sourceByKey.load(key);
  if (label === null) return null;
  const entity = await ctx.loaders.entityByKey.load(key);
  return entity?.label === type ? entity : null;
}

/** An entity with every field, loading it (batched) when only its summary was read as someone's link. */
async function fullEntity(ctx: Context, entity: EntityRecord): Promise<EntityRecord> {
  return entity.summary ? ((await ctx.loaders.entityByKey.load(entity.key)) ?? entity) : entity;
}

/** A resolver for an entity field that a summary does not hold (everything but key, name and type). */
export const fromFullEntity =
  <T>(pick: (entity: EntityRecord) => T) =>
  async (entity: EntityRecord, _args: unknown, ctx: Context) =>
    pick(await fullEntity(ctx, entity));

/** Query.nodes: one entry per id, in order (null where none); at most MAX_IDS ids. */
export function nodesByIds(ctx: Context, ids: readonly string[]): Promise<(NodeRecord | null)[]> {
  if (ids.length > MAX_IDS) throw badInput(`nodes takes at most ${MAX_IDS} ids`, { argument: 'ids' });
  return Promise.all(ids.map((id) => nodeById(ctx, id)));
}

export interface PathArgs {
  from: string;
  to: string;
  maxLength?: number | null;
  types?: readonly string[] | null;
  exclude?: readonly string[] | null;
}

/** Graph queries' defaults when an argument is not given (the node limit counts them too). */
export const GRAPH_DEFAULTS = { maxLength: 6, paths: 10, neighbourhood: 100 } as const;

function pathOptions(args: PathArgs) {
  return {
    from: endpointOfId(args.from, 'from'),
    to: endpointOfId(args.to, 'to'),
    options: {
      maxLength: args.maxLength ?? GRAPH_DEFAULTS.maxLength,
      types: args.types,
      exclude: (args.exclude ?? []).map((id) => fromGlobalId(id).key),
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
  const limit = args.limit ?? GRAPH_DEFAULTS.paths;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw badInput('limit must be between 1 and 100', { argument: 'limit' });
  return shortestPaths(ctx.db, from, to, { ...options, all: true, limit });
}

/** Query.neighbourhood; an unknown centre is NOT_FOUND since the result is not nullable. */
export async function neighbourhoodOf(
  ctx: Context,
  args: { id: string; depth?: number | null; limit?: number | null; types?: readonly string[] | null },
) {
  const subgraph = await neighbourhood(
    ctx.db,
    endpointOfId(args.id, 'id'),
    args.depth ?? 1,
    args.limit ?? GRAPH_DEFAULTS.neighbourhood,
    args.types,
  );
  if (!subgraph) throw notFound(`no node has id "${args.id}"`, { argument: 'id' });
  return subgraph;
}
