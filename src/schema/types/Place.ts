import { oneOf, PLACE_KINDS } from '../../model/vocabulary.js';
import { builder } from '../builder.js';
import { Connections, pageArgs, relationField } from '../connection.js';
import { EntityRef, GeoPointRef, PlaceRef } from '../refs.js';
import { listEntities } from '../resolvers/lists.js';
import { upsertPlaceResolver } from '../resolvers/mutations.js';
import { fromFullEntity } from '../resolvers/nodes.js';
import { PlaceKind } from './enums.js';
import { EntityFilter, FILTER_DESCRIPTION } from './filters.js';
import { GeoPointInput } from './GeoPoint.js';
import {
  ALIASES_DESCRIPTION,
  DESCRIPTION_DESCRIPTION,
  KEY_DESCRIPTION,
  NAME_DESCRIPTION,
} from './upserts.js';

PlaceRef.implement({
  description: 'A country, region, city, village or site, possibly with coordinates.',
  interfaces: [EntityRef],
  isTypeOf: (value) => (value as { label?: string }).label === 'Place',
  fields: (t) => ({
    kind: t.field({
      type: PlaceKind,
      description: 'What kind of place it is.',
      resolve: fromFullEntity((p) => oneOf(PLACE_KINDS, p.kind, 'OTHER')),
    }),
    location: t.field({
      type: GeoPointRef,
      nullable: true,
      description: 'Its coordinates, or null when not known.',
      resolve: fromFullEntity((p) => p.location),
    }),
    partOf: t.field({
      type: PlaceRef,
      nullable: true,
      description: 'The larger place it lies in, or null.',
      resolve: (p, _args, ctx) => ctx.loaders.entityLinks.load(p.key, 'partOf'),
    }),
    events: t.field({
      type: Connections.Event,
      ...relationField('placeEvents', 'Events that occurred here or in places inside it, oldest first.'),
    }),
  }),
});

const UpsertPlaceInput = builder.inputType('UpsertPlaceInput', {
  description: 'A place to create or update by key. Optional fields left out keep what is stored.',
  fields: (t) => ({
    key: t.string({ required: true, description: KEY_DESCRIPTION('place') }),
    name: t.string({ required: true, description: NAME_DESCRIPTION }),
    aliases: t.stringList({ description: ALIASES_DESCRIPTION }),
    description: t.string({ description: DESCRIPTION_DESCRIPTION }),
    kind: t.field({ type: PlaceKind, required: true, description: 'What kind of place it is.' }),
    location: t.field({ type: GeoPointInput, description: 'Its coordinates; null clears them.' }),
    partOf: t.string({ description: 'Key of the place this one lies in.' }),
  }),
});

builder.queryField('places', (t) =>
  t.field({
    type: Connections.Place,
    description: 'Places by name (case-insensitive), then key.',
    args: { filter: t.arg({ type: EntityFilter, description: FILTER_DESCRIPTION }), ...pageArgs },
    resolve: (_root, { filter, ...page }, ctx, info) => listEntities(ctx, 'Place', filter, page, info),
  }),
);

builder.mutationField('upsertPlace', (t) =>
  t.field({
    type: PlaceRef,
    description:
      'Creates the place with this key or updates it, with its coordinates and the place it lies in.',
    args: { input: t.arg({ type: UpsertPlaceInput, required: true, description: 'The place.' }) },
    resolve: (_root, args, ctx) => upsertPlaceResolver(ctx, args.input),
  }),
);
