import { search } from '../../resolvers/lists.js';
import { fromFullEntity } from '../../resolvers/nodes.js';
import { builder } from '../builder.js';
import { Connections, pageArgs, relationField } from '../connection.js';
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
    aliases: t.stringList({ resolve: fromFullEntity((e) => e.aliases) }),
    description: t.string({
      nullable: true,
      resolve: fromFullEntity((e) => e.description),
    }),
    mentions: t.field({ type: Connections.Mention, ...relationField('mentions') }),
    statementsAbout: t.field({
      type: Connections.Statement,
      ...relationField('statementsAbout', 'Statements whose `about` includes this.'),
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
