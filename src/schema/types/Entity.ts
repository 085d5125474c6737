import { search } from '../../resolvers/lists.js';
import { builder } from '../builder.js';
import { Connections, pageArgs } from '../connection.js';
import { EntityRef, NodeRef } from '../refs.js';

export const EntityType = builder.enumType('EntityType', {
  values: {
    PERSON: { value: 'Person' },
    ORGANISATION: { value: 'Organisation' },
    PLACE: { value: 'Place' },
    EVENT: { value: 'Event' },
  } as const,
});

EntityRef.implement({
  interfaces: [NodeRef],
  resolveType: (entity) => entity.label,
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable human-readable key, e.g. "person/david-babayan".' }),
    name: t.exposeString('name'),
    aliases: t.exposeStringList('aliases'),
    description: t.exposeString('description', { nullable: true }),
    mentions: t.field({
      type: Connections.Mention,
      args: pageArgs,
      resolve: (e, args, ctx) => ctx.loaders.connections.load('mentions', e.key, args),
    }),
    statementsAbout: t.field({
      type: Connections.Statement,
      description: 'Statements whose `about` includes this.',
      args: pageArgs,
      resolve: (e, args, ctx) => ctx.loaders.connections.load('statementsAbout', e.key, args),
    }),
  }),
});

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    nullable: true,
    args: { key: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.loaders.entityByKey.load(args.key),
  }),
  search: t.field({
    type: Connections.SearchHit,
    description:
      'Ranked full-text search over names and aliases, best first; tolerant of case, accents and a typo.',
    args: { text: t.arg.string({ required: true }), types: t.arg({ type: [EntityType] }), ...pageArgs },
    resolve: (_root, { text, types, ...page }, ctx) => search(ctx, text, types, page),
  }),
}));
