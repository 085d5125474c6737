import { listSources } from '../../resolvers/lists.js';
import { addSourceResolver } from '../../resolvers/mutations.js';
import { builder } from '../builder.js';
import { Connections, pageArgs, relationField } from '../connection.js';
import { NodeRef, OrganisationRef, PartialDateRef, SourceRef } from '../refs.js';

SourceRef.implement({
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as { label?: string }).label === 'Source',
  fields: (t) => ({
    key: t.exposeString('key'),
    title: t.exposeString('title'),
    url: t.exposeString('url', { nullable: true }),
    language: t.exposeString('language', { nullable: true }),
    publisher: t.field({
      type: OrganisationRef,
      nullable: true,
      resolve: (s, _args, ctx) => ctx.loaders.sourceLinks.load(s.key, 'publisher'),
    }),
    published: t.field({ type: PartialDateRef, nullable: true, resolve: (s) => s.published }),
    text: t.exposeString('text'),
    statements: t.field({ type: Connections.Statement, ...relationField('sourceStatements') }),
    mentions: t.field({ type: Connections.Entity, ...relationField('sourceMentions') }),
  }),
});

const AddSourceInput = builder.inputType('AddSourceInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    title: t.string({ required: true }),
    url: t.string(),
    publisher: t.string({ description: 'Key of an organisation.' }),
    published: t.string({ description: 'Partial date.' }),
    text: t.string({ required: true }),
    language: t.string(),
  }),
});

builder.queryField('sources', (t) =>
  t.field({
    type: Connections.Source,
    args: pageArgs,
    resolve: (_root, args, ctx) => listSources(ctx, args),
  }),
);

builder.mutationField('addSource', (t) =>
  t.field({
    type: SourceRef,
    args: { input: t.arg({ type: AddSourceInput, required: true }) },
    resolve: (_root, args, ctx) => addSourceResolver(ctx, args.input),
  }),
);
