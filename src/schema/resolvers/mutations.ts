/**
 * Mutation resolvers (the schema requires the editor role): id decoding, one write, then loaders forget
 * what changed and the live bus hears of it — only once the write has committed, since `await` on the
 * write returns after the commit and a failed write throws before any announcement. What changed comes
 * from the write's own transaction (queries/writes/snapshot.ts).
 */

import { type Change, changesOf, statementAdded } from '../../live/changes.js';
import type { EntityRecord } from '../../model/records.js';
import { upsertEvent, upsertOrganisation, upsertPerson, upsertPlace } from '../../queries/writes/entities.js';
import { deleteNode, type LinkInput, link, unlink } from '../../queries/writes/links.js';
import type { Written } from '../../queries/writes/snapshot.js';
import {
  type AddSourceInput,
  type AddStatementInput,
  addSource,
  addStatement,
} from '../../queries/writes/statements.js';
import type { Context } from '../context.js';
import { type DecodedId, keyOfType } from './ids.js';

/** Tells the live bus of a committed write: its changes, with the bookmarks readers of them wait for. */
export const announce = (ctx: Context, changes: readonly Change[]) =>
  ctx.live.announce(changes, ctx.db.bookmarks);

/** A resolver for one upsert: the write, then the loaders forget the old entity, then the announcement. */
function upsertResolver<Input>(write: (db: Context['db'], input: Input) => Promise<Written<EntityRecord>>) {
  return async (ctx: Context, input: Input): Promise<EntityRecord> => {
    const { record: entity, changed } = await write(ctx.db, input);
    ctx.loaders.entityByKey.clear(entity.key).prime(entity.key, entity);
    ctx.loaders.entityLinks.clear(entity.key);
    await announce(ctx, changesOf(changed));
    return entity;
  };
}

export const upsertPersonResolver = upsertResolver(upsertPerson);
export const upsertOrganisationResolver = upsertResolver(upsertOrganisation);
export const upsertPlaceResolver = upsertResolver(upsertPlace);
export const upsertEventResolver = upsertResolver(upsertEvent);

export async function addSourceResolver(ctx: Context, input: AddSourceInput) {
  const source = await addSource(ctx.db, input);
  ctx.loaders.sourceByKey.clear(source.key).prime(source.key, source);
  ctx.loaders.sourceLinks.clear(source.key);
  await announce(ctx, []);
  return source;
}

export async function addStatementResolver(
  ctx: Context,
  input: Omit<AddStatementInput, 'reports'> & { reports?: DecodedId | null },
) {
  const reports = input.reports == null ? null : keyOfType(input.reports, ['Statement'], 'reports');
  const { record: statement, changed } = await addStatement(ctx.db, { ...input, reports });
  ctx.loaders.statementByKey.clear(statement.key).prime(statement.key, statement);
  ctx.loaders.statementLinks.clear(statement.key);
  // New when there was none before; adding it again (same evidence and speaker) updates it.
  const [{ before, after } = { before: null, after: null }] = changed;
  await announce(ctx, [
    ...(!before && after ? [statementAdded(statement, after)] : []),
    ...changesOf(changed),
  ]);
  return statement;
}

export async function linkResolver(ctx: Context, input: LinkInput) {
  ctx.loaders.entityLinks.clearAll();
  const { record, changed } = await link(ctx.db, input);
  await announce(ctx, changesOf(changed));
  return record;
}

export async function unlinkResolver(ctx: Context, input: LinkInput) {
  ctx.loaders.entityLinks.clearAll();
  const { record, changed } = await unlink(ctx.db, input);
  await announce(ctx, changesOf(changed));
  return record;
}

export async function deleteNodeResolver(ctx: Context, { typename, id: key }: DecodedId) {
  const { record, changed } = await deleteNode(ctx.db, typename, key);
  for (const loader of [ctx.loaders.entityByKey, ctx.loaders.sourceByKey, ctx.loaders.statementByKey])
    loader.clear(key);
  await announce(ctx, changesOf(changed));
  return record;
}
