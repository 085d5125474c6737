/**
 * Draft resolvers (the editor role): arguments in, one query function of queries/drafts.ts called;
 * after a review that wrote to the graph, the loaders forget what they read and the live bus hears of
 * the new statements and changed nodes, as for any mutation.
 */
import type { ProposalEdit } from '../../ingest/draft.js';
import { changesOf, statementAdded } from '../../live/changes.js';
import {
  acceptProposals,
  type DraftStatus,
  editProposal,
  findDraft,
  type IngestInput,
  ingestArticle,
  type ReviewResult,
  rejectProposal,
} from '../../queries/drafts.js';
import { draftList } from '../../queries/lists.js';
import type { PageArgs } from '../../queries/pagination.js';
import type { Context } from '../context.js';
import { type DecodedId, optionalKeyOfType } from './ids.js';
import { announce } from './mutations.js';

async function afterReview(ctx: Context, { record, changed, added }: ReviewResult) {
  for (const loader of [
    ctx.loaders.entityByKey,
    ctx.loaders.entityLinks,
    ctx.loaders.statementByKey,
    ctx.loaders.statementLinks,
    ctx.loaders.sourceLinks,
  ])
    loader.clearAll();
  await announce(ctx, [
    ...added.flatMap(({ record: statement, changed: { after } }) =>
      after ? [statementAdded(statement, after)] : [],
    ),
    ...changesOf(changed),
  ]);
  return record;
}

// Nothing public changes until something of the draft is accepted: no announcement.
export async function ingestArticleResolver(ctx: Context, input: IngestInput) {
  return (await ingestArticle(ctx.db, input)).draft;
}

export const draftResolver = (ctx: Context, id: string) => findDraft(ctx.db, id);

export const draftsResolver = (ctx: Context, status: DraftStatus | null, page: PageArgs) =>
  draftList(ctx.db, status, page);

export const acceptProposalResolver = async (ctx: Context, draft: string, proposal: string) =>
  afterReview(ctx, await acceptProposals(ctx.db, draft, [proposal]));

export const acceptDraftResolver = async (ctx: Context, draft: string) =>
  afterReview(ctx, await acceptProposals(ctx.db, draft, null));

export const rejectProposalResolver = async (ctx: Context, draft: string, proposal: string) =>
  afterReview(ctx, await rejectProposal(ctx.db, draft, proposal));

export const editProposalResolver = async (
  ctx: Context,
  draft: string,
  proposal: string,
  { corroborates, ...edit }: Omit<ProposalEdit, 'corroborates'> & { corroborates?: DecodedId | null },
) =>
  afterReview(
    ctx,
    await editProposal(ctx.db, draft, proposal, {
      ...edit,
      ...(corroborates !== undefined
        ? { corroborates: optionalKeyOfType(corroborates, ['Statement'], 'corroborates') }
        : {}),
    }),
  );
