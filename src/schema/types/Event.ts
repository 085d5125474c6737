import { listEvents } from '../../resolvers/lists.js';
import { upsertEventResolver } from '../../resolvers/mutations.js';
import { fromFullEntity } from '../../resolvers/nodes.js';
import { builder } from '../builder.js';
import { Connections, pageArgs, relationField } from '../connection.js';
import { EntityRef, EventRef, NodeRef, PartialDateRef, PlaceRef } from '../refs.js';
import { EventKind, ParticipationRole } from './enums.js';
import { EventFilter } from './filters.js';

EventRef.implement({
  interfaces: [NodeRef, EntityRef],
  isTypeOf: (value) => (value as { label?: string }).label === 'Event',
  fields: (t) => ({
    kind: t.field({
      type: EventKind,
      resolve: fromFullEntity((e) => (e.kind ?? 'OTHER') as 'OTHER'),
    }),
    start: t.field({
      type: PartialDateRef,
      nullable: true,
      resolve: fromFullEntity((e) => e.start),
    }),
    end: t.field({
      type: PartialDateRef,
      nullable: true,
      resolve: fromFullEntity((e) => e.end),
    }),
    places: t.field({
      type: [PlaceRef],
      resolve: (e, _args, ctx) => ctx.loaders.entityLinks.load(e.key, 'places'),
    }),
    partOf: t.field({
      type: EventRef,
      nullable: true,
      resolve: (e, _args, ctx) => ctx.loaders.entityLinks.load(e.key, 'partOf'),
    }),
    subEvents: t.field({ type: Connections.Event, ...relationField('subEvents') }),
    participants: t.field({
      type: Connections.Participation,
      args: { ...pageArgs, role: t.arg({ type: ParticipationRole }) },
      resolve: (e, args, ctx) => ctx.loaders.connections.load('participants', e.key, args),
    }),
  }),
});

const ParticipantInput = builder.inputType('ParticipantInput', {
  fields: (t) => ({
    entity: t.string({ required: true, description: 'Key of a person or organisation.' }),
    role: t.field({ type: ParticipationRole, required: true }),
  }),
});

const UpsertEventInput = builder.inputType('UpsertEventInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    name: t.string({ required: true }),
    aliases: t.stringList(),
    description: t.string(),
    kind: t.field({ type: EventKind, required: true }),
    start: t.string({ description: 'Partial date: 1990s, 1990, 1990-01 or 1990-01-20.' }),
    end: t.string(),
    places: t.stringList({ description: 'Keys of places.' }),
    partOf: t.string({ description: 'Key of the larger event.' }),
    participants: t.field({ type: [ParticipantInput] }),
  }),
});

builder.queryField('events', (t) =>
  t.field({
    type: Connections.Event,
    description: 'Ordered by start date, oldest first.',
    args: { filter: t.arg({ type: EventFilter }), ...pageArgs },
    resolve: (_root, { filter, ...page }, ctx) => listEvents(ctx, filter, page),
  }),
);

builder.mutationField('upsertEvent', (t) =>
  t.field({
    type: EventRef,
    args: { input: t.arg({ type: UpsertEventInput, required: true }) },
    resolve: (_root, args, ctx) => upsertEventResolver(ctx, args.input),
  }),
);
