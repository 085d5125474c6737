/** Analysts' queries: statement timelines, co-mentions, rankings and geography (the analyst role). */
import type { CoMention, CoMentionPair, Nearby, Ranked, TimelineBucket } from '../../analyst/queries.js';
import { coMentionsOf, nearBy, pairsIn, rankingOf, timelineOf } from '../../resolvers/analyst.js';
import { builder } from '../builder.js';
import { EntityRef, EventRef, PlaceRef } from '../refs.js';
import { EntityType } from './Entity.js';

const TimelineInterval = builder.enumType('TimelineInterval', { values: ['MONTH', 'YEAR'] as const });
const RankingBy = builder.enumType('RankingBy', {
  values: {
    CONNECTIONS: { description: 'Knowledge relationships, plus statements in the period it takes part in.' },
    CITATIONS: { description: 'Statements in the period about it.' },
  } as const,
});

const SpeakerCount = builder.objectRef<TimelineBucket['speakers'][number]>('SpeakerCount').implement({
  fields: (t) => ({
    entity: t.field({ type: EntityRef, resolve: (s) => s.entity }),
    count: t.exposeInt('count'),
  }),
});

const TimelineBucketRef = builder.objectRef<TimelineBucket>('TimelineBucket').implement({
  fields: (t) => ({
    period: t.exposeString('period', { description: '"2015" or "2015-01".' }),
    count: t.exposeInt('count'),
    speakers: t.field({
      type: [SpeakerCount],
      description: 'Who made them, most active first (at most 5).',
      resolve: (b) => b.speakers,
    }),
  }),
});

const CoMentionRef = builder.objectRef<CoMention>('CoMention').implement({
  fields: (t) => ({
    entity: t.field({ type: EntityRef, resolve: (c) => c.entity }),
    weight: t.exposeInt('weight', { description: 'statements + sources.' }),
    statements: t.exposeInt('statements', { description: 'Statements both take part in.' }),
    sources: t.exposeInt('sources', { description: 'Sources mentioning both.' }),
  }),
});

const CoMentionPairRef = builder.objectRef<CoMentionPair>('CoMentionPair').implement({
  fields: (t) => ({
    a: t.field({ type: EntityRef, resolve: (p) => p.a }),
    b: t.field({ type: EntityRef, resolve: (p) => p.b }),
    weight: t.exposeInt('weight'),
  }),
});

const RankedRef = builder.objectRef<Ranked>('RankedEntity').implement({
  fields: (t) => ({
    entity: t.field({ type: EntityRef, resolve: (r) => r.entity }),
    score: t.exposeInt('score'),
  }),
});

const NearbyRef = builder.objectRef<Nearby>('NearbyPlace').implement({
  fields: (t) => ({
    place: t.field({ type: PlaceRef, resolve: (n) => n.place }),
    distanceKm: t.exposeFloat('distanceKm'),
    events: t.field({ type: [EventRef], resolve: (n) => n.events }),
  }),
});

const analyst = { analyst: true } as const;

builder.queryFields((t) => ({
  statementTimeline: t.field({
    type: [TimelineBucketRef],
    authScopes: analyst,
    description: 'Statements about an entity per month or year, oldest first, with who made them.',
    args: {
      id: t.arg.id({ required: true }),
      interval: t.arg({ type: TimelineInterval, required: true }),
      from: t.arg.string(),
      to: t.arg.string(),
    },
    resolve: (_root, args, ctx) => timelineOf(ctx, { ...args, id: String(args.id) }),
  }),
  coMentions: t.field({
    type: [CoMentionRef],
    authScopes: analyst,
    description: 'Entities that appear with this one in statements (any role) or sources, heaviest first.',
    args: { id: t.arg.id({ required: true }), from: t.arg.string(), to: t.arg.string(), first: t.arg.int() },
    resolve: (_root, args, ctx) => coMentionsOf(ctx, { ...args, id: String(args.id) }),
  }),
  coMentionPairs: t.field({
    type: [CoMentionPairRef],
    authScopes: analyst,
    description: 'The pairs of entities that statements of a period bring together most often.',
    args: { from: t.arg.string(), to: t.arg.string(), first: t.arg.int() },
    resolve: (_root, args, ctx) => pairsIn(ctx, args),
  }),
  ranking: t.field({
    type: [RankedRef],
    authScopes: analyst,
    description: 'Most-connected or most-cited entities, optionally of some types and for a period.',
    args: {
      by: t.arg({ type: RankingBy, required: true }),
      types: t.arg({ type: [EntityType] }),
      from: t.arg.string(),
      to: t.arg.string(),
      first: t.arg.int(),
    },
    resolve: (_root, args, ctx) => rankingOf(ctx, args),
  }),
  near: t.field({
    type: [NearbyRef],
    authScopes: analyst,
    description: 'Places within radiusKm of a point, nearest first, with the events that occurred there.',
    args: {
      latitude: t.arg.float({ required: true }),
      longitude: t.arg.float({ required: true }),
      radiusKm: t.arg.float({ required: true }),
      first: t.arg.int(),
    },
    resolve: (_root, args, ctx) => nearBy(ctx, args),
  }),
}));
