import { listEntities } from '../../resolvers/lists.js';
import { upsertOrganisationResolver } from '../../resolvers/mutations.js';
import { fromFullEntity } from '../../resolvers/nodes.js';
import { builder } from '../builder.js';
import { Connections, pageArgs, relationField } from '../connection.js';
import { EntityRef, NodeRef, OrganisationRef, PlaceRef } from '../refs.js';
import { OrganisationKind } from './enums.js';
import { EntityFilter } from './filters.js';

OrganisationRef.implement({
  interfaces: [NodeRef, EntityRef],
  isTypeOf: (value) => (value as { label?: string }).label === 'Organisation',
  fields: (t) => ({
    kind: t.field({
      type: OrganisationKind,
      resolve: fromFullEntity((o) => (o.kind ?? 'OTHER') as 'OTHER'),
    }),
    basedIn: t.field({
      type: PlaceRef,
      nullable: true,
      resolve: (o, _args, ctx) => ctx.loaders.entityLinks.load(o.key, 'basedIn'),
    }),
    partOf: t.field({
      type: OrganisationRef,
      nullable: true,
      resolve: (o, _args, ctx) => ctx.loaders.entityLinks.load(o.key, 'partOf'),
    }),
    members: t.field({ type: Connections.Affiliation, ...relationField('members') }),
    statements: t.field({
      type: Connections.Statement,
      ...relationField('statementsBy', 'Made by the organisation itself.'),
    }),
    statementsOnBehalf: t.field({
      type: Connections.Statement,
      ...relationField('statementsOnBehalf', 'Made by others on its behalf.'),
    }),
    statementsAddressedTo: t.field({
      type: Connections.Statement,
      ...relationField('statementsAddressedTo'),
    }),
    participations: t.field({ type: Connections.Participation, ...relationField('participations') }),
  }),
});

const UpsertOrganisationInput = builder.inputType('UpsertOrganisationInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    name: t.string({ required: true }),
    aliases: t.stringList(),
    description: t.string(),
    kind: t.field({ type: OrganisationKind, required: true }),
    basedIn: t.string({ description: 'Key of a place.' }),
    partOf: t.string({ description: 'Key of an organisation.' }),
  }),
});

builder.queryField('organisations', (t) =>
  t.field({
    type: Connections.Organisation,
    args: { filter: t.arg({ type: EntityFilter }), ...pageArgs },
    resolve: (_root, { filter, ...page }, ctx) => listEntities(ctx, 'Organisation', filter, page),
  }),
);

builder.mutationField('upsertOrganisation', (t) =>
  t.field({
    type: OrganisationRef,
    args: { input: t.arg({ type: UpsertOrganisationInput, required: true }) },
    resolve: (_root, args, ctx) => upsertOrganisationResolver(ctx, args.input),
  }),
);
