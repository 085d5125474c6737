import { z } from 'zod';
import { builder } from '../builder.js';
import { Connections, pageArgs, relationField } from '../connection.js';
import { EntityRef, NodeRef } from '../refs.js';
import { search } from '../resolvers/lists.js';
import { entityWithReads, fromFullEntity } from '../resolvers/nodes.js';

export const EntityType = builder.enumType('EntityType', {
  description: 'The types of entity, to narrow search and rankings.',
  values: {
    PERSON: { value: 'Person', description: 'People (the Person type).' },
    ORGANISATION: { value: 'Organisation', description: 'Organisations (the Organisation type).' },
    PLACE: { value: 'Place', description: 'Places (the Place type).' },
    EVENT: { value: 'Event', description: 'Events (the Event type).' },
  } as const,
});

EntityRef.implement({
  description:
    'A person, organisation, place or event: what statements are by, on behalf of, addressed to and about.',
  interfaces: [NodeRef],
  resolveType: (entity) => entity.label,
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable human-readable key, e.g. "person/david-babayan".' }),
    name: t.exposeString('name', {
      description:
        'Its name as usually written (at most 200 characters); lists of entities are ordered by it.',
    }),
    aliases: t.stringList({
      description: 'Other names and spellings it goes by (search matches them too); may be empty.',
      resolve: fromFullEntity((e) => e.aliases),
    }),
    description: t.string({
      nullable: true,
      description: 'A short description (at most 5,000 characters); null when there is none.',
      resolve: fromFullEntity((e) => e.description),
    }),
    mentions: t.field({
      type: Connections.Mention,
      ...relationField(
        'mentions',
        'Where sources mention it: one edge per mention, by source key, then position.',
      ),
    }),
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
    description: 'The entity (of any type) with this key; null when there is none.',
    args: { key: t.arg.string({ required: true, description: 'Its key, e.g. "person/david-babayan".' }) },
    resolve: (_root, args, ctx, info) => entityWithReads(ctx, info, args.key),
  }),
  search: t.field({
    type: Connections.SearchHit,
    description:
      'Ranked full-text search over names and aliases, best first; tolerant of case, accents and a typo.',
    args: {
      text: t.arg.string({
        required: true,
        description:
          'Words of a name or alias (at most 1,000 characters; the first 16 different words count).',
        validate: z.string().max(1000, 'text is longer than 1000 characters'),
      }),
      types: t.arg({
        type: [EntityType],
        description: 'Only entities of these types; every type when left out or empty.',
      }),
      ...pageArgs,
    },
    resolve: (_root, { text, types, ...page }, ctx) => search(ctx, text, types, page),
  }),
}));
