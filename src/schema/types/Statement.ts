import { listStatements } from '../../resolvers/lists.js';
import { addStatementResolver } from '../../resolvers/mutations.js';
import { builder } from '../builder.js';
import { Connections, pageArgs } from '../connection.js';
import { EntityRef, EvidenceRef, NodeRef, PartialDateRef, StatementRef } from '../refs.js';
import { EvidenceInput } from './Evidence.js';
import { StatementKind } from './enums.js';
import { StatementFilter } from './filters.js';

StatementRef.implement({
  description:
    'Something a person or organisation said, attributed and sourced. Claims live here, never as bare facts.',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as { label?: string }).label === 'Statement',
  fields: (t) => ({
    kind: t.field({ type: StatementKind, resolve: (s) => s.kind as 'PARAPHRASE' }),
    text: t.exposeString('text', {
      description: 'The quote verbatim (DIRECT_QUOTE) or the reported content.',
    }),
    date: t.field({ type: PartialDateRef, nullable: true, resolve: (s) => s.date }),
    speaker: t.field({
      type: EntityRef,
      description: 'A Person or Organisation.',
      resolve: async (s, _args, ctx) => (await ctx.loaders.statementLinks.load(s.key, 'speaker')) as never,
    }),
    onBehalfOf: t.field({
      type: [EntityRef],
      resolve: (s, _args, ctx) => ctx.loaders.statementLinks.load(s.key, 'onBehalfOf'),
    }),
    addressedTo: t.field({
      type: [EntityRef],
      resolve: (s, _args, ctx) => ctx.loaders.statementLinks.load(s.key, 'addressedTo'),
    }),
    about: t.field({
      type: [EntityRef],
      description: 'Entities and events it is about.',
      resolve: (s, _args, ctx) => ctx.loaders.statementLinks.load(s.key, 'about'),
    }),
    evidence: t.field({
      type: [EvidenceRef],
      description: 'Where it is reported.',
      resolve: (s, _args, ctx) => ctx.loaders.statementLinks.load(s.key, 'evidence'),
    }),
    reports: t.field({
      type: StatementRef,
      nullable: true,
      description: 'The statement this one relays (reported speech), if any.',
      resolve: (s, _args, ctx) => ctx.loaders.statementLinks.load(s.key, 'reports'),
    }),
    reportedBy: t.field({
      type: [StatementRef],
      resolve: (s, _args, ctx) => ctx.loaders.statementLinks.load(s.key, 'reportedBy'),
    }),
  }),
});

const AddStatementInput = builder.inputType('AddStatementInput', {
  fields: (t) => ({
    kind: t.field({ type: StatementKind, required: true }),
    text: t.string({ required: true }),
    speaker: t.string({ required: true, description: 'Key of a person or organisation.' }),
    onBehalfOf: t.stringList(),
    addressedTo: t.stringList(),
    about: t.stringList({ description: 'Keys of entities or events.' }),
    date: t.string({ description: 'Partial date.' }),
    evidence: t.field({ type: [EvidenceInput], required: true }),
    reports: t.id({ description: 'Id of the statement this one relays.' }),
  }),
});

builder.queryField('statements', (t) =>
  t.field({
    type: Connections.Statement,
    description: 'Newest first.',
    args: { filter: t.arg({ type: StatementFilter }), ...pageArgs },
    resolve: (_root, { filter, ...page }, ctx) => listStatements(ctx, filter, page),
  }),
);

builder.mutationField('addStatement', (t) =>
  t.field({
    type: StatementRef,
    description:
      'Evidence offsets are checked against Source.text. Idempotent on (source, start, end, speaker).',
    args: { input: t.arg({ type: AddStatementInput, required: true }) },
    resolve: (_root, args, ctx) =>
      addStatementResolver(ctx, {
        ...args.input,
        reports: args.input.reports == null ? null : String(args.input.reports),
      }),
  }),
);
