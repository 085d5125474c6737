import { ORGANISATION_KINDS, oneOf } from '../../model/vocabulary.js';
import { builder } from '../builder.js';
import { Connections, pageArgs, relationField } from '../connection.js';
import { EntityRef, OrganisationRef, PlaceRef } from '../refs.js';
import { listEntities } from '../resolvers/lists.js';
import { upsertOrganisationResolver } from '../resolvers/mutations.js';
import { fromFullEntity } from '../resolvers/nodes.js';
import { OrganisationKind } from './enums.js';
import { EntityFilter, FILTER_DESCRIPTION } from './filters.js';
import {
  ALIASES_DESCRIPTION,
  DESCRIPTION_DESCRIPTION,
  KEY_DESCRIPTION,
  NAME_DESCRIPTION,
} from './upserts.js';

OrganisationRef.implement({
  description:
    'A state, government, parliament, international body, armed force, news outlet, party or the like.',
  interfaces: [EntityRef],
  isTypeOf: (value) => (value as { label?: string }).label === 'Organisation',
  fields: (t) => ({
    kind: t.field({
      type: OrganisationKind,
      description: 'What kind of organisation it is.',
      resolve: fromFullEntity((o) => oneOf(ORGANISATION_KINDS, o.kind, 'OTHER')),
    }),
    basedIn: t.field({
      type: PlaceRef,
      nullable: true,
      description: 'Where it is based, or null.',
      resolve: (o, _args, ctx) => ctx.loaders.entityLinks.load(o.key, 'basedIn'),
    }),
    partOf: t.field({
      type: OrganisationRef,
      nullable: true,
      description: 'The larger organisation it belongs to, or null.',
      resolve: (o, _args, ctx) => ctx.loaders.entityLinks.load(o.key, 'partOf'),
    }),
    members: t.field({
      type: Connections.Affiliation,
      ...relationField(
        'members',
        'People and organisations affiliated with it, by name of the member, then role.',
      ),
    }),
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
      ...relationField('statementsAddressedTo', 'Statements addressed to it, newest first.'),
    }),
    participations: t.field({
      type: Connections.Participation,
      ...relationField('participations', 'Events it took part in, with its role, oldest first.'),
    }),
  }),
});

const UpsertOrganisationInput = builder.inputType('UpsertOrganisationInput', {
  description: 'An organisation to create or update by key. Optional fields left out keep what is stored.',
  fields: (t) => ({
    key: t.string({ required: true, description: KEY_DESCRIPTION('organisation') }),
    name: t.string({ required: true, description: NAME_DESCRIPTION }),
    aliases: t.stringList({ description: ALIASES_DESCRIPTION }),
    description: t.string({ description: DESCRIPTION_DESCRIPTION }),
    kind: t.field({
      type: OrganisationKind,
      required: true,
      description: 'What kind of organisation it is.',
    }),
    basedIn: t.string({ description: 'Key of a place.' }),
    partOf: t.string({ description: 'Key of an organisation.' }),
  }),
});

builder.queryField('organisations', (t) =>
  t.field({
    type: Connections.Organisation,
    description: 'Organisations by name (case-insensitive), then key.',
    args: { filter: t.arg({ type: EntityFilter, description: FILTER_DESCRIPTION }), ...pageArgs },
    resolve: (_root, { filter, ...page }, ctx, info) => listEntities(ctx, 'Organisation', filter, page, info),
  }),
);

builder.mutationField('upsertOrganisation', (t) =>
  t.field({
    type: OrganisationRef,
    description:
      'Creates the organisation with this key or updates it, with where it is based and what it is part of.',
    args: {
      input: t.arg({ type: UpsertOrganisationInput, required: true, description: 'The organisation.' }),
    },
    resolve: (_root, args, ctx) => upsertOrganisationResolver(ctx, args.input),
  }),
);
