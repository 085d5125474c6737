import type { EntityRecord } from '../../loaders/entities.js';
import { upsertPersonResolver } from '../../resolvers/entities.js';
import { builder } from '../builder.js';
import { EntityRef } from './Entity.js';
import { NodeRef } from './Node.js';

export const PersonRef = builder.objectRef<EntityRecord>('Person').implement({
  interfaces: [NodeRef, EntityRef],
  isTypeOf: (value) => (value as EntityRecord).label === 'Person',
  fields: () => ({}),
});

const UpsertPersonInput = builder.inputType('UpsertPersonInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    name: t.string({ required: true }),
    aliases: t.stringList(),
    description: t.string(),
  }),
});

builder.mutationField('upsertPerson', (t) =>
  t.field({
    type: PersonRef,
    args: { input: t.arg({ type: UpsertPersonInput, required: true }) },
    resolve: (_root, args, ctx) => upsertPersonResolver(ctx, args.input),
  }),
);
