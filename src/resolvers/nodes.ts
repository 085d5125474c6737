import { badInput, notFound } from '../errors.js';
import { lookupLabel, type NodeRecord, neighbourhood, shortestPath } from '../loaders/graph.js';
import type { Context } from '../schema/builder.js';
import { fromGlobalId } from '../schema/globalId.js';

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

/** Query.nodes: one entry per id, in order (null where none); at most MAX_IDS ids. */
export function nodesByIds(ctx: Context, ids: readonly string[]): Promise<(NodeRecord | null)[]> {
  if (ids.length > MAX_IDS) throw badInput(`nodes takes at most ${MAX_IDS} ids`, { argument: 'ids' });
  return Promise.all(ids.map((id) => nodeById(ctx, id)));
}

function endpoint(id: string, argument: string) {
  const { type, key } = fromGlobalId(id);
  const label = lookupLabel(type);
  if (!label) throw badInput(`${argument} is not the id of a node`, { argument });
  return { label, key };
}

/** Query.path. */
export function pathBetween(ctx: Context, from: string, to: string, maxLength: number | null | undefined) {
  return shortestPath(ctx.db, endpoint(from, 'from'), endpoint(to, 'to'), maxLength ?? 6);
}

/** Query.neighbourhood; an unknown centre is NOT_FOUND since the result is not nullable. */
export async function neighbourhoodOf(
  ctx: Context,
  id: string,
  depth: number | null | undefined,
  limit: number | null | undefined,
) {
  const subgraph = await neighbourhood(ctx.db, endpoint(id, 'id'), depth ?? 1, limit ?? 100);
  if (!subgraph) throw notFound(`no node has id "${id}"`, { argument: 'id' });
  return subgraph;
}
