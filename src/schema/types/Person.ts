import { listEntities } from '../../resolvers/lists.js';
import { upsertPersonResolver } from '../../resolvers/mutations.js';
import { builder } from '../builder.js';
import { Connections, pageArgs } from '../connection.js';
import { EntityRef, NodeRef, PersonRef } from '../refs.js';
import { EntityFilter } from './filters.js';

PersonRef.implement({
  interfaces: [NodeRef, EntityRef],
  isTypeOf: (value) => (value as { label?: string }).label === 'Person',
  fields: (t) => ({
    affiliations: t.field({
      type: Connections.Affiliation,
      description: 'Roles held in organisations.',
      args: pageArgs,
      resolve: (p, args, ctx) => ctx.loaders.connections.load('affiliations', p.key, args),
    }),
    statements: t.field({
      type: Connections.Statement,
      description: 'Statements this person made.',
      args: pageArgs,
      resolve: (p, args, ctx) => ctx.loaders.connections.load('statementsBy', p.key, args),
    }),
    participations: t.field({
      type: Connections.Participation,
      args: pageArgs,
      resolve: (p, args, ctx) => ctx.loaders.connections.load('participations', p.key, args),
    }),
  }),
});

const UpsertPersonInput = builder.inputType('UpsertPersonInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    name: t.string({ required: true }),
    aliases: t.stringList(),
    description: t.string(),
  }),
});

builder.queryField('people', (t) =>
  t.field({
    type: Connections.Person,
    args: { filter: t.arg({ type: EntityFilter }), ...pageArgs },
    resolve: (_root, { filter, ...page }, ctx) => listEntities(ctx, 'Person', filter, page),
  }),
);

builder.mutationField('upsertPerson', (t) =>
  t.field({
    type: PersonRef,
    args: { input: t.arg({ type: UpsertPersonInput, required: true }) },
    resolve: (_root, args, ctx) => upsertPersonResolver(ctx, args.input),
  }),
);
