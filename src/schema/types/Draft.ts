import { kindOf, pendingIds } from '../../ingest/draft.js';
import { parsePartialDate, partialDateFrom } from '../../model/partialDate.js';
import { builder } from '../builder.js';
import { Connections, pageArgs } from '../connection.js';
import {
  DraftRef,
  EntityRef,
  GeoPointRef,
  OrganisationRef,
  PartialDateRef,
  ProposedEntityRef,
  ProposedMentionRef,
  ProposedStatementRef,
  SourceRef,
  StatementRef,
} from '../refs.js';
import {
  acceptDraftResolver,
  acceptProposalResolver,
  draftResolver,
  draftsResolver,
  editProposalResolver,
  ingestArticleResolver,
  rejectProposalResolver,
} from '../resolvers/drafts.js';
import { EntityType } from './Entity.js';
import { StatementKind } from './enums.js';

const EDITOR = { editor: true } as const;

const DraftStatus = builder.enumType('DraftStatus', {
  description: 'Whether a draft still has proposals to review.',
  values: {
    OPEN: { description: 'Some proposals are pending.' },
    DONE: { description: 'Every proposal was accepted or rejected.' },
  } as const,
});

const ProposalStatus = builder.enumType('ProposalStatus', {
  description: 'Where a proposal is in review.',
  values: {
    PENDING: { description: 'Not reviewed yet: nothing of it is in the graph.' },
    ACCEPTED: { description: 'Written to the graph (or, for a linked entity, confirmed).' },
    REJECTED: { description: 'Left out; it may still be edited or accepted later.' },
  } as const,
});

/** What every proposal has: its id in the draft, status, method and confidence. */
const ProposalRef = builder
  .interfaceRef<{ id: string; status: string; method: string; confidence: number }>('Proposal')
  .implement({
    description: 'Something a draft proposes for the graph, under review.',
    fields: (t) => ({
      id: t.exposeID('id', { description: 'Its id in the draft: "e1", "m1", "s1"…' }),
      status: t.field({
        type: ProposalStatus,
        description: 'Where it is in review.',
        resolve: (p) => p.status as 'PENDING',
      }),
      method: t.exposeString('method', {
        description: 'The rule or library that proposed it (or "editor").',
      }),
      confidence: t.exposeFloat('confidence', { description: 'How sure that method is, from 0 to 1.' }),
    }),
  });

const Candidate = builder.objectRef<{ key: string; name: string; score: number }>('LinkCandidate').implement({
  description: 'A known entity considered for a proposed one, with the score its name got.',
  fields: (t) => ({
    key: t.exposeString('key', { description: "The entity's key." }),
    name: t.exposeString('name', { description: 'Its name when the draft was made.' }),
    score: t.exposeFloat('score', { description: 'How well the name matched, from 0 to 1.' }),
    entity: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The entity, or null if it was deleted since.',
      resolve: (c, _args, ctx) => ctx.loaders.entityByKey.load(c.key),
    }),
  }),
});

const UnnamedSpeaker = builder
  .objectRef<{ description: string; organisation: string | null }>('UnnamedSpeaker')
  .implement({
    description: 'A speaker the text does not name ("a ministry spokesman"), kept as it describes them.',
    fields: (t) => ({
      description: t.exposeString('description', { description: 'How the text describes them.' }),
      organisation: t.exposeID('organisation', {
        nullable: true,
        description: 'The proposed entity (id in the draft) of the organisation they speak for, if named.',
      }),
    }),
  });

ProposedEntityRef.implement({
  description:
    'A person, organisation, place or event the article mentions: linked to a known entity, or proposed as new.',
  interfaces: [ProposalRef],
  isTypeOf: (p) => kindOf((p as { id: string }).id) === 'entity',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name as the article writes it.' }),
    type: t.field({ type: EntityType, description: 'What it is.', resolve: (e) => e.label }),
    link: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The known entity it is, or null: accepting it creates a new one.',
      resolve: (e, _args, ctx) => (e.link ? ctx.loaders.entityByKey.load(e.link.key) : null),
    }),
    linkScore: t.float({
      nullable: true,
      description: 'How well its name matched the linked entity, from 0 to 1.',
      resolve: (e) => e.link?.score ?? null,
    }),
    candidates: t.field({
      type: [Candidate],
      description: 'The known entities considered, best first.',
      resolve: (e) => e.candidates,
    }),
    location: t.field({
      type: GeoPointRef,
      nullable: true,
      description: 'Where a new place lies, from the gazetteer.',
      resolve: (e) => e.location,
    }),
    unnamed: t.field({
      type: UnnamedSpeaker,
      nullable: true,
      description: 'Set for a speaker the text does not name.',
      resolve: (e) => e.unnamed,
    }),
    accepted: t.field({
      type: EntityRef,
      nullable: true,
      description: 'Once accepted: the entity in the graph.',
      resolve: (e, _args, ctx) => (e.accepted ? ctx.loaders.entityByKey.load(e.accepted) : null),
    }),
  }),
});

/** The characters of the draft's text between two offsets. */
const excerptOf = (span: { article: string; start: number; end: number }) =>
  span.article.slice(span.start, span.end);
const EXCERPT = 'The characters of the source text at these offsets.';

ProposedMentionRef.implement({
  description:
    'Where the article names a proposed entity: accepting it links the source to the entity (MENTIONS).',
  interfaces: [ProposalRef],
  isTypeOf: (p) => kindOf((p as { id: string }).id) === 'mention',
  fields: (t) => ({
    entity: t.exposeID('entity', { description: 'The proposed entity it names (id in the draft).' }),
    start: t.exposeInt('start', { description: 'First character (UTF-16 offset into the source text).' }),
    end: t.exposeInt('end', { description: 'End, exclusive.' }),
    excerpt: t.string({ description: EXCERPT, resolve: excerptOf }),
  }),
});

const ProposedSpan = builder
  .objectRef<{ start: number; end: number; article: string }>('ProposedEvidence')
  .implement({
    description: "Where in the draft's source a proposed statement is reported.",
    fields: (t) => ({
      start: t.exposeInt('start', { description: 'First character (UTF-16 offset into the source text).' }),
      end: t.exposeInt('end', { description: 'End, exclusive.' }),
      excerpt: t.string({ description: EXCERPT, resolve: excerptOf }),
    }),
  });

const Corroboration = builder.objectRef<{ key: string; score: number }>('Corroboration').implement({
  description: 'A statement the graph holds that a proposed one says again (the same words, another source).',
  fields: (t) => ({
    score: t.exposeFloat('score', { description: 'How alike their words are, from 0 to 1.' }),
    statement: t.field({
      type: StatementRef,
      nullable: true,
      description: 'The statement, or null if it was deleted since.',
      resolve: (c, _args, ctx) => ctx.loaders.statementByKey.load(c.key),
    }),
  }),
});

const ids = (description: string) => ({ description });

ProposedStatementRef.implement({
  description:
    'A statement the article reports, attributed. Proposals name entities by their ids in the draft ("e3").',
  interfaces: [ProposalRef],
  isTypeOf: (p) => kindOf((p as { id: string }).id) === 'statement',
  fields: (t) => ({
    kind: t.field({ type: StatementKind, description: 'How it was made.', resolve: (s) => s.kind }),
    text: t.exposeString('text', { description: 'The quoted words, or the reported content.' }),
    speaker: t.exposeID('speaker', ids('Who said it.')),
    onBehalfOf: t.exposeIDList('onBehalfOf', ids('On whose behalf.')),
    addressedTo: t.exposeIDList('addressedTo', ids('To whom.')),
    about: t.exposeIDList('about', ids('What it is about.')),
    date: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'When it was made, at the precision the text gives.',
      resolve: (s) => (s.date ? parsePartialDate(s.date) : null),
    }),
    evidence: t.field({
      type: ProposedSpan,
      description: 'Its words in the source.',
      resolve: (s) => ({ ...s.evidence, article: s.article }),
    }),
    reports: t.exposeID('reports', {
      nullable: true,
      description: 'The proposed statement it relays (reported speech), if any.',
    }),
    corroborates: t.field({
      type: Corroboration,
      nullable: true,
      description:
        'A statement the graph holds that this one says again: accepting adds this evidence to it instead of a new statement.',
      resolve: (s) => s.corroborates,
    }),
    accepted: t.field({
      type: StatementRef,
      nullable: true,
      description: 'Once accepted: the statement in the graph.',
      resolve: (s, _args, ctx) => (s.accepted ? ctx.loaders.statementByKey.load(s.accepted) : null),
    }),
  }),
});

DraftRef.implement({
  description:
    'An article taken in and what it proposes for the graph, to review: nothing of it is public until accepted.',
  fields: (t) => ({
    id: t.exposeID('key', { description: 'Its id: "draft/" and a hash of the text.' }),
    status: t.field({ type: DraftStatus, description: 'Whether proposals wait.', resolve: (d) => d.status }),
    created: t.exposeString('created', { description: 'When it was made (ISO date-time).' }),
    title: t.string({ description: "The article's title.", resolve: (d) => d.source.props.title as string }),
    url: t.string({
      nullable: true,
      description: 'Where it was published, or null.',
      resolve: (d) => (d.source.props.url as string | null) ?? null,
    }),
    published: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'When it was published, to the precision given, or null.',
      resolve: (d) => partialDateFrom(d.source.props, 'published'),
    }),
    publisher: t.field({
      type: OrganisationRef,
      nullable: true,
      description: 'Who published it, or null (or if that organisation was deleted since).',
      resolve: (d, _args, ctx) =>
        d.source.publisher ? ctx.loaders.entityByKey.load(d.source.publisher) : null,
    }),
    text: t.string({
      description: 'The full text, which offsets point into.',
      resolve: (d) => d.text,
    }),
    sourceKey: t.string({
      description: 'The key of the source it becomes once something of it is accepted.',
      resolve: (d) => d.source.key,
    }),
    source: t.field({
      type: SourceRef,
      nullable: true,
      description:
        'The article as a source: null until something of the draft is accepted (or if it was deleted since).',
      resolve: (d, _args, ctx) => ctx.loaders.sourceByKey.load(d.source.key),
    }),
    pending: t.int({
      description: 'How many proposals wait for review.',
      resolve: ({ content }) => pendingIds(content).length,
    }),
    entities: t.field({
      type: [ProposedEntityRef],
      description: 'Proposed entities, by first mention.',
      resolve: (d) => d.content.entities,
    }),
    mentions: t.field({
      type: [ProposedMentionRef],
      description: 'Proposed mentions, in text order.',
      resolve: (d) => d.content.mentions.map((m) => ({ ...m, article: d.text })),
    }),
    statements: t.field({
      type: [ProposedStatementRef],
      description: 'Proposed statements, in text order.',
      resolve: (d) => d.content.statements.map((s) => ({ ...s, article: d.text })),
    }),
  }),
});

const IngestArticleInput = builder.inputType('IngestArticleInput', {
  description: 'An article to take in (English).',
  fields: (t) => ({
    text: t.string({
      required: true,
      description: 'The full text, plain (at most 100,000 characters); the draft is keyed by it.',
    }),
    title: t.string({ description: 'Its headline (default: the first line of the text).' }),
    url: t.string({ description: 'Where it was published: an http or https URL.' }),
    published: t.string({
      description: 'When it was published (partial date); a day lets "on Tuesday" be dated.',
    }),
    publisher: t.string({ description: 'Key of an existing organisation.' }),
    language: t.string({ description: 'Its language tag; only "en" is read (default "en").' }),
  }),
});

const ProposalEditInput = builder.inputType('ProposalEditInput', {
  description: 'What to change in a proposal; fields left out stay as they are.',
  fields: (t) => ({
    speaker: t.string({
      description: "A statement's speaker: a proposed entity's id (\"e3\") or an existing entity's key.",
    }),
    link: t.string({
      description: "An entity's link: an existing entity's key, or null to create it as a new entity.",
    }),
    start: t.int({ description: "A mention's or statement's first character." }),
    end: t.int({ description: "A mention's or statement's end (exclusive)." }),
    text: t.string({ description: "A statement's content." }),
    corroborates: t.globalID({
      description: 'Id of an existing statement this one says again, or null to make it one of its own.',
    }),
  }),
});

builder.queryFields((t) => ({
  draft: t.field({
    type: DraftRef,
    nullable: true,
    authScopes: EDITOR,
    description: 'A draft by id, or null. Needs the editor role.',
    args: { id: t.arg.id({ required: true, description: 'The draft.' }) },
    resolve: (_root, { id }, ctx) => draftResolver(ctx, String(id)),
  }),
  drafts: t.field({
    type: Connections.Draft,
    authScopes: EDITOR,
    description: 'Drafts, newest first. Needs the editor role.',
    args: {
      status: t.arg({ type: DraftStatus, description: 'Only drafts with this status.' }),
      ...pageArgs,
    },
    resolve: (_root, { status, ...page }, ctx) => draftsResolver(ctx, status ?? null, page),
  }),
}));

builder.mutationFields((t) => {
  // The proposal a review mutation takes, and its draft.
  const proposalArgs = () => ({
    draft: t.arg.id({ required: true, description: 'The draft.' }),
    proposal: t.arg.id({ required: true, description: 'The proposal ("e1", "m1", "s1"…).' }),
  });
  return {
    ingestArticle: t.field({
      type: DraftRef,
      description:
        'Stores an article as a source and proposes what it reports as a draft to review; the same text again returns the same draft.',
      args: { input: t.arg({ type: IngestArticleInput, required: true, description: 'The article.' }) },
      resolve: (_root, { input }, ctx) => ingestArticleResolver(ctx, input),
    }),
    acceptProposal: t.field({
      type: DraftRef,
      description:
        'Writes one proposal to the graph, with what it needs (a statement its speaker), in one transaction.',
      args: proposalArgs(),
      resolve: (_root, args, ctx) => acceptProposalResolver(ctx, String(args.draft), String(args.proposal)),
    }),
    rejectProposal: t.field({
      type: DraftRef,
      description: 'Leaves a pending proposal out of the graph.',
      args: proposalArgs(),
      resolve: (_root, args, ctx) => rejectProposalResolver(ctx, String(args.draft), String(args.proposal)),
    }),
    editProposal: t.field({
      type: DraftRef,
      description: 'Changes a pending or rejected proposal (it becomes pending).',
      args: {
        ...proposalArgs(),
        edit: t.arg({ type: ProposalEditInput, required: true, description: 'What to change.' }),
      },
      resolve: (_root, args, ctx) =>
        editProposalResolver(ctx, String(args.draft), String(args.proposal), args.edit),
    }),
    acceptDraft: t.field({
      type: DraftRef,
      description: 'Accepts every pending proposal of a draft, in one transaction.',
      args: { draft: t.arg.id({ required: true, description: 'The draft.' }) },
      resolve: (_root, args, ctx) => acceptDraftResolver(ctx, String(args.draft)),
    }),
  };
});
