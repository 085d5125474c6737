import { listEntities } from '../../resolvers/lists.js';
import { upsertPlaceResolver } from '../../resolvers/mutations.js';
import { fromFullEntity } from '../../resolvers/nodes.js';
import { builder } from '../builder.js';
import { Connections, pageArgs, relationField } from '../connection.js';
import { EntityRef, GeoPointRef, NodeRef, PlaceRef } from '../refs.js';
import { GeoPointInput } from './Dates.js';
import { PlaceKind } from './enums.js';
import { EntityFilter } from './filters.js';

PlaceRef.implement({
  interfaces: [NodeRef, EntityRef],
  isTypeOf: (value) => (value as { label?: string }).label === 'Place',
  fields: (t) => ({
    kind: t.field({
      type: PlaceKind,
      resolve: fromFullEntity((p) => (p.kind ?? 'OTHER') as 'OTHER'),
    }),
    location: t.field({
      type: GeoPointRef,
      nullable: true,
      resolve: fromFullEntity((p) => p.location),
    }),
    partOf: t.field({
      type: PlaceRef,
      nullable: true,
      resolve: (p, _args, ctx) => ctx.loaders.entityLinks.load(p.key, 'partOf'),
    }),
    events: t.field({
      type: Connections.Event,
      ...relationField('placeEvents', 'Events that occurred here or in places inside it, oldest first.'),
    }),
  }),
});

const UpsertPlaceInput = builder.inputType('UpsertPlaceInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    name: t.string({ required: true }),
    aliases: t.stringList(),
    description: t.string(),
    kind: t.field({ type: PlaceKind, required: true }),
    location: t.field({ type: GeoPointInput }),
    partOf: t.string({ description: 'Key of the place this one lies in.' }),
  }),
});

builder.queryField('places', (t) =>
  t.field({
    type: Connections.Place,
    args: { filter: t.arg({ type: EntityFilter }), ...pageArgs },
    resolve: (_root, { filter, ...page }, ctx) => listEntities(ctx, 'Place', filter, page),
  }),
);

builder.mutationField('upsertPlace', (t) =>
  t.field({
    type: PlaceRef,
    args: { input: t.arg({ type: UpsertPlaceInput, required: true }) },
    resolve: (_root, args, ctx) => upsertPlaceResolver(ctx, args.input),
  }),
);
