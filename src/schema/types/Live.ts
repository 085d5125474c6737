import type { CHANGE_KINDS, NodeChanged } from '../../live/changes.js';
import { ENTITY_LABELS } from '../../model/records.js';
import { builder } from '../builder.js';
import { EntityRef, EventRef, NodeRef, StatementRef } from '../refs.js';
import {
  changeOfEvent,
  changesOf,
  entityOfChange,
  otherOfChange,
  statementOfEvent,
  statementsAdded,
} from '../resolvers/live.js';
import { FILTER_DESCRIPTION, StatementFilter } from './filters.js';

const ChangeKind = builder.enumType('ChangeKind', {
  description: 'How a node changed.',
  values: {
    CREATED: { description: 'An upsert created it.' },
    UPDATED: { description: 'An upsert changed its fields (see `fields`).' },
    LINKED: { description: 'A relationship to another node was made (see `relationship`, `other`).' },
    UNLINKED: { description: 'A relationship to another node was removed.' },
    DELETED: { description: 'It was deleted.' },
  } satisfies Record<(typeof CHANGE_KINDS)[number], { description: string }>,
});

builder.subscriptionType({
  description:
    'Live updates, over Server-Sent Events (POST or GET /graphql with `Accept: text/event-stream`) or WebSocket (graphql-ws at /graphql). Sent after the write commits, never for a write that failed. Every field needs the reader role, checked when subscribing; the node limit and SUBSCRIPTIONS_PER_CLIENT apply.',
  authScopes: { reader: true },
});

const EntityChangeRef = builder.objectRef<NodeChanged>('EntityChange');
const EventUpdateRef = builder.objectRef<NodeChanged>('EventUpdate');

// The two payloads share their fields; each adds the node it is about.
for (const [ref, description] of [
  [
    EntityChangeRef,
    'A change to an entity: itself updated or deleted, or a relationship to it made or removed.',
  ],
  [
    EventUpdateRef,
    'A change to an event: itself updated or deleted, or a participant, place or part made or removed.',
  ],
] as const) {
  builder.objectType(ref, {
    description,
    fields: (t) => ({
      change: t.field({ type: ChangeKind, resolve: (c) => c.change, description: 'What happened.' }),
      fields: t.stringList({
        resolve: (c) => c.fields,
        description:
          'UPDATED: the fields whose values changed (name, aliases, description, kind, location, start, end); a relationship made or removed is a LINKED or UNLINKED change of its own.',
      }),
      relationship: t.string({
        nullable: true,
        resolve: (c) => c.relationship,
        description:
          'LINKED/UNLINKED: the relationship type (a RelationshipType, or SAID_BY, ON_BEHALF_OF, ADDRESSED_TO or ABOUT from a statement).',
      }),
      other: t.field({
        type: NodeRef,
        nullable: true,
        resolve: (c, _args, ctx) => otherOfChange(ctx, c),
        description:
          'LINKED/UNLINKED: the node at the other end (the statement, for SAID_BY and the like), as it is now.',
      }),
    }),
  });
}

builder.objectField(EntityChangeRef, 'entity', (t) =>
  t.field({
    type: EntityRef,
    nullable: true,
    resolve: (c, _args, ctx) => entityOfChange(ctx, c),
    description: 'The entity as it is now; null once deleted.',
  }),
);
builder.objectField(EventUpdateRef, 'event', (t) =>
  t.field({
    type: EventRef,
    nullable: true,
    resolve: (c, _args, ctx) => entityOfChange(ctx, c),
    description: 'The event as it is now; null once deleted.',
  }),
);

builder.subscriptionFields((t) => ({
  statementAdded: t.field({
    type: StatementRef,
    nullable: true,
    description:
      'Each new statement that `statements(filter:)` would list; null only if it was deleted before it could be read.',
    args: { filter: t.arg({ type: StatementFilter, description: FILTER_DESCRIPTION }) },
    subscribe: (_root, args, ctx) => statementsAdded(ctx, args.filter),
    resolve: (event, _args, ctx) => statementOfEvent(ctx, event),
  }),
  entityChanged: t.field({
    type: EntityChangeRef,
    description: 'Each change to this entity (NOT_FOUND if there is none).',
    args: {
      id: t.arg.globalID({
        required: true,
        description: 'Global id of a person, organisation, place or event.',
      }),
    },
    subscribe: (_root, args, ctx) => changesOf(ctx, args.id, ENTITY_LABELS),
    resolve: (event, _args, ctx) => changeOfEvent(ctx, event),
  }),
  eventUpdated: t.field({
    type: EventUpdateRef,
    description: 'Each change to this event (NOT_FOUND if there is none).',
    args: { id: t.arg.globalID({ required: true, description: 'Global id of an event.' }) },
    subscribe: (_root, args, ctx) => changesOf(ctx, args.id, ['Event']),
    resolve: (event, _args, ctx) => changeOfEvent(ctx, event),
  }),
}));
