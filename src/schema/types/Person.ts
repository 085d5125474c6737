import { listEntities } from '../../resolvers/lists.js';
import { upsertPersonResolver } from '../../resolvers/mutations.js';
import { builder } from '../builder.js';
import { Connections, pageArgs, relationField } from '../connection.js';
import { EntityRef, NodeRef, PersonRef } from '../refs.js';
import { EntityFilter } from './filters.js';

PersonRef.implement({
  interfaces: [NodeRef, EntityRef],
  isTypeOf: (value) => (value as { label?: string }).label === 'Person',
  fields: (t) => ({
    affiliations: t.field({
      type: Connections.Affiliation,
      ...relationField('affiliations', 'Roles held in organisations.'),
    }),
    statements: t.field({
      type: Connections.Statement,
      ...relationField('statementsBy', 'Statements this person made.'),
    }),
    participations: t.field({ type: Connections.Participation, ...relationField('participations') }),
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
