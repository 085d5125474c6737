import type { EntityRecord } from '../../loaders/entities.js';
import { entityByKey } from '../../resolvers/entities.js';
import { builder } from '../builder.js';
import { NodeRef } from './Node.js';

export const EntityRef = builder.interfaceRef<EntityRecord>('Entity').implement({
  interfaces: [NodeRef],
  resolveType: (entity) => entity.label,
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable human-readable key, e.g. "person/david-babayan".' }),
    name: t.exposeString('name'),
    aliases: t.exposeStringList('aliases'),
    description: t.exposeString('description', { nullable: true }),
  }),
});

builder.queryField('entity', (t) =>
  t.field({
    type: EntityRef,
    nullable: true,
    args: { key: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => entityByKey(ctx, args.key),
  }),
);
