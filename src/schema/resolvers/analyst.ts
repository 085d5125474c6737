import { cypherParams } from '../../model/json.js';
import { periodOf } from '../../model/partialDate.js';
import { ENTITY_LABELS, type EntityLabel } from '../../model/records.js';
import { coMentionPairs, coMentions, near, ranking, statementTimeline } from '../../queries/analyst.js';
import { runGuardedCypher } from '../../queries/cypher.js';
import type { Context } from '../context.js';
import { type DecodedId, keyOfType } from './ids.js';

/** How many of each analyst list come back when `first` is not given (the node limit counts them too). */
export const ANALYST_FIRST = { coMentions: 10, coMentionPairs: 10, ranking: 10, near: 20 } as const;

/** Query.cypher: an analyst's read-only query, with the configured timeout and row cap. */
export function cypherQuery(ctx: Context, query: string, params: unknown) {
  return runGuardedCypher(ctx.db, query, cypherParams(params), ctx.config.cypher);
}

/** An entity id's key (any entity type). */
const entityKey = (id: DecodedId) => keyOfType(id, ENTITY_LABELS, 'id');

interface PeriodArgs {
  from?: string | null;
  to?: string | null;
}

/** Query.statementTimeline. */
export const timelineOf = (ctx: Context, args: PeriodArgs & { id: DecodedId; interval: 'MONTH' | 'YEAR' }) =>
  statementTimeline(ctx.db, entityKey(args.id), args.interval, periodOf(args.from, args.to));

/** Query.coMentions. */
export const coMentionsOf = (ctx: Context, args: PeriodArgs & { id: DecodedId; first?: number | null }) =>
  coMentions(
    ctx.db,
    entityKey(args.id),
    periodOf(args.from, args.to),
    args.first ?? ANALYST_FIRST.coMentions,
  );

/** Query.coMentionPairs. */
export const pairsIn = (ctx: Context, args: PeriodArgs & { first?: number | null }) =>
  coMentionPairs(ctx.db, periodOf(args.from, args.to), args.first ?? ANALYST_FIRST.coMentionPairs);

/** Query.ranking. */
export const rankingOf = (
  ctx: Context,
  args: PeriodArgs & {
    by: 'CONNECTIONS' | 'CITATIONS';
    types?: readonly EntityLabel[] | null;
    first?: number | null;
  },
) =>
  ranking(
    ctx.db,
    args.by,
    args.types?.length ? args.types : null,
    periodOf(args.from, args.to),
    args.first ?? ANALYST_FIRST.ranking,
  );

/** Query.near. */
export const nearBy = (
  ctx: Context,
  args: { latitude: number; longitude: number; radiusKm: number; first?: number | null },
) => near(ctx.db, args.latitude, args.longitude, args.radiusKm, args.first ?? ANALYST_FIRST.near);
