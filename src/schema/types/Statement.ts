import { builder } from '../builder.js';
import { Connections, pageArgs, relationField } from '../connection.js';
import { EntityRef, EvidenceRef, PartialDateRef, StatementRef } from '../refs.js';
import { listStatements } from '../resolvers/lists.js';
import { addStatementResolver } from '../resolvers/mutations.js';
import { required } from '../resolvers/nodes.js';
import { EvidenceInput } from './Evidence.js';
import { StatementKind } from './enums.js';
import { FILTER_DESCRIPTION, StatementFilter } from './filters.js';

StatementRef.implement({
  description:
    'Something a person or organisation said, attributed and sourced. Claims live here, never as bare facts.',
  isTypeOf: (value) => (value as { label?: string }).label === 'Statement',
  fields: (t) => ({
    kind: t.field({
      type: StatementKind,
      description: "How it was made: quoted, paraphrased, an official address or a reader's comment.",
      resolve: (s) => s.kind,
    }),
    text: t.exposeString('text', {
      description: 'The quote verbatim (DIRECT_QUOTE) or the reported content.',
    }),
    date: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'When it was made, to the precision the source gives; null when not known.',
      resolve: (s) => s.date,
    }),
    speaker: t.field({
      type: EntityRef,
      description: 'A Person or Organisation.',
      resolve: async (s, _args, ctx) =>
        required(await ctx.loaders.statementLinks.load(s.key, 'speaker'), s.key),
    }),
    onBehalfOf: t.field({
      type: [EntityRef],
      description:
        'On whose behalf it was made (e.g. the government a spokesman speaks for), by name; may be empty.',
      resolve: (s, _args, ctx) => ctx.loaders.statementLinks.load(s.key, 'onBehalfOf'),
    }),
    addressedTo: t.field({
      type: [EntityRef],
      description: 'Whom it was addressed to, by name; may be empty.',
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
    sources: t.field({
      type: Connections.Source,
      ...relationField(
        'statementSources',
        'The sources that report it, each once, by key: more than one when other sources corroborate it.',
      ),
    }),
    reports: t.field({
      type: StatementRef,
      nullable: true,
      description: 'The statement this one relays (reported speech), if any.',
      resolve: (s, _args, ctx) => ctx.loaders.statementLinks.load(s.key, 'reports'),
    }),
    reportedBy: t.field({
      type: [StatementRef],
      description: 'Statements that relay this one (reported speech); may be empty.',
      resolve: (s, _args, ctx) => ctx.loaders.statementLinks.load(s.key, 'reportedBy'),
    }),
  }),
});

const AddStatementInput = builder.inputType('AddStatementInput', {
  description:
    'A statement with its speaker, links and evidence. Adding one with the same first evidence and speaker again replaces its links, and its evidence in the sources it names (evidence in other sources, as corroboration adds, stays).',
  fields: (t) => ({
    kind: t.field({ type: StatementKind, required: true, description: 'How it was made.' }),
    text: t.string({
      required: true,
      description: 'The quote verbatim (DIRECT_QUOTE) or the reported content (at most 20,000 characters).',
    }),
    speaker: t.string({ required: true, description: 'Key of a person or organisation.' }),
    onBehalfOf: t.stringList({
      description: 'Keys of the people or organisations it was made on behalf of.',
    }),
    addressedTo: t.stringList({ description: 'Keys of the people or organisations it was addressed to.' }),
    about: t.stringList({ description: 'Keys of entities or events.' }),
    date: t.string({ description: 'Partial date.' }),
    evidence: t.field({
      type: [EvidenceInput],
      required: true,
      description: 'Where sources report it: 1 to 50 items, the first of which identifies the statement.',
    }),
    reports: t.globalID({ description: 'Id of the statement this one relays.' }),
  }),
});

builder.queryField('statements', (t) =>
  t.field({
    type: Connections.Statement,
    description: 'Newest first.',
    args: { filter: t.arg({ type: StatementFilter, description: FILTER_DESCRIPTION }), ...pageArgs },
    resolve: (_root, { filter, ...page }, ctx, info) => listStatements(ctx, filter, page, info),
  }),
);

builder.mutationField('addStatement', (t) =>
  t.field({
    type: StatementRef,
    description:
      'Evidence offsets are checked against Source.text. Idempotent on (source, start, end, speaker) of the first evidence.',
    args: { input: t.arg({ type: AddStatementInput, required: true, description: 'The statement.' }) },
    resolve: (_root, args, ctx) => addStatementResolver(ctx, args.input),
  }),
);
