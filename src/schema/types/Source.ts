import { builder } from '../builder.js';
import { Connections, pageArgs, relationField } from '../connection.js';
import { OrganisationRef, PartialDateRef, SourceRef } from '../refs.js';
import { listSources } from '../resolvers/lists.js';
import { addSourceResolver } from '../resolvers/mutations.js';
import { KEY_DESCRIPTION } from './upserts.js';

SourceRef.implement({
  description: 'A news article or other document with its full text, which evidence offsets point into.',
  isTypeOf: (value) => (value as { label?: string }).label === 'Source',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable human-readable key, "source/<slug>".' }),
    title: t.exposeString('title', { description: 'Its title or headline.' }),
    url: t.exposeString('url', {
      nullable: true,
      description: 'Where it was published (http or https), or null.',
    }),
    language: t.exposeString('language', {
      nullable: true,
      description: 'Its language as a tag such as "en", or null.',
    }),
    publisher: t.field({
      type: OrganisationRef,
      nullable: true,
      description: 'The organisation that published it, or null.',
      resolve: (s, _args, ctx) => ctx.loaders.sourceLinks.load(s.key, 'publisher'),
    }),
    published: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'When it was published, to the precision known, or null.',
      resolve: (s) => s.published,
    }),
    text: t.exposeString('text', {
      description: 'The full text, fixed once stored: evidence offsets (UTF-16 code units) point into it.',
    }),
    statements: t.field({
      type: Connections.Statement,
      ...relationField('sourceStatements', 'Statements it reports, newest first.'),
    }),
    mentions: t.field({
      type: Connections.Entity,
      ...relationField('sourceMentions', 'Entities it mentions, each once, by name.'),
    }),
  }),
});

const AddSourceInput = builder.inputType('AddSourceInput', {
  description: 'A source with its full text. Every field is stored as given: one left out is cleared.',
  fields: (t) => ({
    key: t.string({ required: true, description: KEY_DESCRIPTION('source') }),
    title: t.string({ required: true, description: 'Its title or headline (at most 500 characters).' }),
    url: t.string({ description: 'Where it was published: an http or https URL.' }),
    publisher: t.string({ description: 'Key of an organisation.' }),
    published: t.string({ description: 'Partial date.' }),
    text: t.string({
      required: true,
      description: 'The full text (at most 2,000,000 characters); it cannot change once stored.',
    }),
    language: t.string({ description: 'A language tag such as "en" or "hy-AM".' }),
  }),
});

builder.queryField('sources', (t) =>
  t.field({
    type: Connections.Source,
    description: 'Sources by key.',
    args: pageArgs,
    resolve: (_root, args, ctx, info) => listSources(ctx, args, info),
  }),
);

builder.mutationField('addSource', (t) =>
  t.field({
    type: SourceRef,
    description:
      'Stores a source with its full text, or updates the one with this key; a different text for it is a CONFLICT.',
    args: { input: t.arg({ type: AddSourceInput, required: true, description: 'The source.' }) },
    resolve: (_root, args, ctx) => addSourceResolver(ctx, args.input),
  }),
);
