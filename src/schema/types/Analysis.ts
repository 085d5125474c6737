/** Analysts' queries: statement timelines, co-mentions, rankings and geography (the analyst role). */
import type { CoMention, CoMentionPair, Nearby, Ranked, TimelineBucket } from '../../queries/analyst.js';
import { builder } from '../builder.js';
import { EntityRef, EventRef, PlaceRef } from '../refs.js';
import { ANALYST_FIRST, coMentionsOf, nearBy, pairsIn, rankingOf, timelineOf } from '../resolvers/analyst.js';
import { EntityType } from './Entity.js';

const TimelineInterval = builder.enumType('TimelineInterval', {
  description: 'How statementTimeline groups statements into periods.',
  values: {
    MONTH: { description: 'One bucket per calendar month, e.g. "2015-01".' },
    YEAR: { description: 'One bucket per year, e.g. "2015".' },
  } as const,
});
const RankingBy = builder.enumType('RankingBy', {
  description: 'What a ranking counts.',
  values: {
    CONNECTIONS: { description: 'Knowledge relationships, plus statements in the period it takes part in.' },
    CITATIONS: { description: 'Statements in the period about it.' },
  } as const,
});

const SpeakerCount = builder.objectRef<TimelineBucket['speakers'][number]>('SpeakerCount').implement({
  description: "A speaker and how many of a timeline bucket's statements it made.",
  fields: (t) => ({
    entity: t.field({
      type: EntityRef,
      description: 'The speaker: a Person or Organisation.',
      resolve: (s) => s.entity,
    }),
    count: t.exposeInt('count', { description: 'Statements of the bucket it made.' }),
  }),
});

const TimelineBucketRef = builder.objectRef<TimelineBucket>('TimelineBucket').implement({
  description: 'The statements about an entity in one month or year.',
  fields: (t) => ({
    period: t.exposeString('period', { description: '"2015" or "2015-01".' }),
    count: t.exposeInt('count', { description: 'Statements about the entity in this period.' }),
    speakers: t.field({
      type: [SpeakerCount],
      description: 'Who made them, most active first (at most 5).',
      resolve: (b) => b.speakers,
    }),
  }),
});

const CoMentionRef = builder.objectRef<CoMention>('CoMention').implement({
  description: 'An entity that appears together with the one asked about, and how often.',
  fields: (t) => ({
    entity: t.field({ type: EntityRef, description: 'The other entity.', resolve: (c) => c.entity }),
    weight: t.exposeInt('weight', { description: 'Statements + sources: what the list is ordered by.' }),
    statements: t.exposeInt('statements', { description: 'Statements both take part in.' }),
    sources: t.exposeInt('sources', { description: 'Sources mentioning both.' }),
  }),
});

const CoMentionPairRef = builder.objectRef<CoMentionPair>('CoMentionPair').implement({
  description: 'Two entities that statements of a period bring together, and how often.',
  fields: (t) => ({
    a: t.field({
      type: EntityRef,
      description: 'One entity of the pair (the one whose key sorts first).',
      resolve: (p) => p.a,
    }),
    b: t.field({ type: EntityRef, description: 'The other entity of the pair.', resolve: (p) => p.b }),
    weight: t.exposeInt('weight', {
      description:
        'Statements of the period in which both take part (as speaker, on whose behalf, addressee or subject).',
    }),
  }),
});

const RankedRef = builder.objectRef<Ranked>('RankedEntity').implement({
  description: 'An entity and its score in a ranking.',
  fields: (t) => ({
    entity: t.field({ type: EntityRef, description: 'The ranked entity.', resolve: (r) => r.entity }),
    score: t.exposeInt('score', {
      description: 'What `by` counts for it (always above 0); higher ranks first.',
    }),
  }),
});

const NearbyRef = builder.objectRef<Nearby>('NearbyPlace').implement({
  description: 'A place near the point asked about, with the events that occurred there.',
  fields: (t) => ({
    place: t.field({
      type: PlaceRef,
      description: 'The place (it has a location).',
      resolve: (n) => n.place,
    }),
    distanceKm: t.exposeFloat('distanceKm', {
      description: 'Distance from the point in kilometres, rounded to the metre.',
    }),
    events: t.field({
      type: [EventRef],
      description:
        'Events that occurred at this place itself (not in places inside it), by start date, undated first.',
      resolve: (n) => n.events,
    }),
  }),
});

const from = 'Partial date: only statements dated no earlier than this can mean.';
const to = 'Partial date: only statements dated no later than this can mean.';

const analyst = { analyst: true } as const;

builder.queryFields((t) => ({
  statementTimeline: t.field({
    type: [TimelineBucketRef],
    authScopes: analyst,
    description: 'Statements about an entity per month or year, oldest first, with who made them.',
    args: {
      id: t.arg.globalID({
        required: true,
        description: 'Global id of the entity (of any type) the statements are about.',
      }),
      interval: t.arg({
        type: TimelineInterval,
        required: true,
        description:
          "Months or years; a statement counts in the period of the first day its date can mean (undated ones don't count).",
      }),
      from: t.arg.string({ description: from }),
      to: t.arg.string({ description: to }),
    },
    resolve: (_root, args, ctx) => timelineOf(ctx, args),
  }),
  coMentions: t.field({
    type: [CoMentionRef],
    authScopes: analyst,
    description: 'Entities that appear with this one in statements (any role) or sources, heaviest first.',
    args: {
      id: t.arg.globalID({ required: true, description: 'Global id of the entity (of any type).' }),
      from: t.arg.string({
        description: 'Partial date: only statements and sources dated no earlier than this can mean.',
      }),
      to: t.arg.string({
        description: 'Partial date: only statements and sources dated no later than this can mean.',
      }),
      first: t.arg.int({ description: `How many entities (default ${ANALYST_FIRST.coMentions}, 1–100).` }),
    },
    resolve: (_root, args, ctx) => coMentionsOf(ctx, args),
  }),
  coMentionPairs: t.field({
    type: [CoMentionPairRef],
    authScopes: analyst,
    description: 'The pairs of entities that statements of a period bring together most often.',
    args: {
      from: t.arg.string({ description: from }),
      to: t.arg.string({ description: to }),
      first: t.arg.int({ description: `How many pairs (default ${ANALYST_FIRST.coMentionPairs}, 1–100).` }),
    },
    resolve: (_root, args, ctx) => pairsIn(ctx, args),
  }),
  ranking: t.field({
    type: [RankedRef],
    authScopes: analyst,
    description: 'Most-connected or most-cited entities, optionally of some types and for a period.',
    args: {
      by: t.arg({ type: RankingBy, required: true, description: 'What to count.' }),
      types: t.arg({
        type: [EntityType],
        description: 'Only entities of these types; every type when left out or empty.',
      }),
      from: t.arg.string({
        description: 'Partial date: count only statements dated no earlier than this can mean.',
      }),
      to: t.arg.string({
        description: 'Partial date: count only statements dated no later than this can mean.',
      }),
      first: t.arg.int({ description: `How many entities (default ${ANALYST_FIRST.ranking}, 1–100).` }),
    },
    resolve: (_root, args, ctx) => rankingOf(ctx, args),
  }),
  near: t.field({
    type: [NearbyRef],
    authScopes: analyst,
    description: 'Places within radiusKm of a point, nearest first, with the events that occurred there.',
    args: {
      latitude: t.arg.float({
        required: true,
        description: 'Latitude of the point in degrees (WGS-84), -90 to 90.',
      }),
      longitude: t.arg.float({
        required: true,
        description: 'Longitude of the point in degrees (WGS-84), -180 to 180.',
      }),
      radiusKm: t.arg.float({
        required: true,
        description: 'Radius in kilometres: above 0, at most 20,000.',
      }),
      first: t.arg.int({ description: `How many places (default ${ANALYST_FIRST.near}, 1–100).` }),
    },
    resolve: (_root, args, ctx) => nearBy(ctx, args),
  }),
}));
