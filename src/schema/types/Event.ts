import { EVENT_KINDS, oneOf } from '../../model/vocabulary.js';
import { builder } from '../builder.js';
import { Connections, pageArgs, relationExtension, relationField } from '../connection.js';
import { EntityRef, EventRef, PartialDateRef, PlaceRef } from '../refs.js';
import { listEvents } from '../resolvers/lists.js';
import { upsertEventResolver } from '../resolvers/mutations.js';
import { fromFullEntity } from '../resolvers/nodes.js';
import { EventKind, ParticipationRole } from './enums.js';
import { EventFilter, FILTER_DESCRIPTION } from './filters.js';
import {
  ALIASES_DESCRIPTION,
  DESCRIPTION_DESCRIPTION,
  KEY_DESCRIPTION,
  NAME_DESCRIPTION,
} from './upserts.js';

EventRef.implement({
  description:
    'Something that happened, as sources report it (a pogrom, an attack, a meeting…), with partial dates.',
  interfaces: [EntityRef],
  isTypeOf: (value) => (value as { label?: string }).label === 'Event',
  fields: (t) => ({
    kind: t.field({
      type: EventKind,
      description: 'What kind of event it is.',
      resolve: fromFullEntity((e) => oneOf(EVENT_KINDS, e.kind, 'OTHER')),
    }),
    start: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'When it began, to the precision known; null when undated.',
      resolve: fromFullEntity((e) => e.start),
    }),
    end: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'When it ended, to the precision known; null when not given.',
      resolve: fromFullEntity((e) => e.end),
    }),
    places: t.field({
      type: [PlaceRef],
      description: 'Where it occurred, by name; may be empty.',
      resolve: (e, _args, ctx) => ctx.loaders.entityLinks.load(e.key, 'places'),
    }),
    partOf: t.field({
      type: EventRef,
      nullable: true,
      description: 'The larger event it is part of, or null.',
      resolve: (e, _args, ctx) => ctx.loaders.entityLinks.load(e.key, 'partOf'),
    }),
    subEvents: t.field({
      type: Connections.Event,
      ...relationField('subEvents', 'Events that are part of this one, oldest first.'),
    }),
    participants: t.field({
      type: Connections.Participation,
      description: 'Who took part and in what role, by name of the participant.',
      args: {
        ...pageArgs,
        role: t.arg({ type: ParticipationRole, description: 'Only participants in this role.' }),
      },
      extensions: relationExtension('participants'),
      resolve: (e, args, ctx) => ctx.loaders.connections.load('participants', e.key, args),
    }),
  }),
});

const ParticipantInput = builder.inputType('ParticipantInput', {
  description: 'One participant of an event in UpsertEventInput.',
  fields: (t) => ({
    entity: t.string({ required: true, description: 'Key of a person or organisation.' }),
    role: t.field({ type: ParticipationRole, required: true, description: 'The part it played.' }),
  }),
});

const UpsertEventInput = builder.inputType('UpsertEventInput', {
  description: 'An event to create or update by key. Optional fields left out keep what is stored.',
  fields: (t) => ({
    key: t.string({ required: true, description: KEY_DESCRIPTION('event') }),
    name: t.string({ required: true, description: NAME_DESCRIPTION }),
    aliases: t.stringList({ description: ALIASES_DESCRIPTION }),
    description: t.string({ description: DESCRIPTION_DESCRIPTION }),
    kind: t.field({ type: EventKind, required: true, description: 'What kind of event it is.' }),
    start: t.string({ description: 'Partial date: 1990s, 1990, 1990-01 or 1990-01-20.' }),
    end: t.string({
      description: 'Partial date, like start; must not lie wholly before start. Null clears it.',
    }),
    places: t.stringList({ description: 'Keys of places.' }),
    partOf: t.string({ description: 'Key of the larger event.' }),
    participants: t.field({
      type: [ParticipantInput],
      description: 'Who took part, in what role; replaces the stored participants (null keeps them).',
    }),
  }),
});

builder.queryField('events', (t) =>
  t.field({
    type: Connections.Event,
    description: 'Ordered by start date, oldest first.',
    args: { filter: t.arg({ type: EventFilter, description: FILTER_DESCRIPTION }), ...pageArgs },
    resolve: (_root, { filter, ...page }, ctx, info) => listEvents(ctx, filter, page, info),
  }),
);

builder.mutationField('upsertEvent', (t) =>
  t.field({
    type: EventRef,
    description:
      'Creates the event with this key or updates it, with its places, parent event and participants.',
    args: { input: t.arg({ type: UpsertEventInput, required: true, description: 'The event.' }) },
    resolve: (_root, args, ctx) => upsertEventResolver(ctx, args.input),
  }),
);
