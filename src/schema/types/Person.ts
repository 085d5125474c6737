import { builder } from '../builder.js';
import { Connections, pageArgs, relationField } from '../connection.js';
import { EntityRef, PersonRef } from '../refs.js';
import { listEntities } from '../resolvers/lists.js';
import { upsertPersonResolver } from '../resolvers/mutations.js';
import { EntityFilter, FILTER_DESCRIPTION } from './filters.js';
import {
  ALIASES_DESCRIPTION,
  DESCRIPTION_DESCRIPTION,
  KEY_DESCRIPTION,
  NAME_DESCRIPTION,
} from './upserts.js';

PersonRef.implement({
  description: 'A person sources name: someone who speaks, holds a role or takes part in events.',
  interfaces: [EntityRef],
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
    participations: t.field({
      type: Connections.Participation,
      ...relationField('participations', 'Events this person took part in, with the role, oldest first.'),
    }),
  }),
});

const UpsertPersonInput = builder.inputType('UpsertPersonInput', {
  description: 'A person to create or update by key. Optional fields left out keep what is stored.',
  fields: (t) => ({
    key: t.string({ required: true, description: KEY_DESCRIPTION('person') }),
    name: t.string({ required: true, description: NAME_DESCRIPTION }),
    aliases: t.stringList({ description: ALIASES_DESCRIPTION }),
    description: t.string({ description: DESCRIPTION_DESCRIPTION }),
  }),
});

builder.queryField('people', (t) =>
  t.field({
    type: Connections.Person,
    description: 'People by name (case-insensitive), then key.',
    args: { filter: t.arg({ type: EntityFilter, description: FILTER_DESCRIPTION }), ...pageArgs },
    resolve: (_root, { filter, ...page }, ctx, info) => listEntities(ctx, 'Person', filter, page, info),
  }),
);

builder.mutationField('upsertPerson', (t) =>
  t.field({
    type: PersonRef,
    description: 'Creates the person with this key or updates it.',
    args: { input: t.arg({ type: UpsertPersonInput, required: true, description: 'The person.' }) },
    resolve: (_root, args, ctx) => upsertPersonResolver(ctx, args.input),
  }),
);
