/** Mutation resolvers (the schema requires the editor role): id decoding, one write, then loaders forget what changed. */

import type { EntityRecord } from '../../model/records.js';
import { upsertEvent, upsertOrganisation, upsertPerson, upsertPlace } from '../../queries/writes/entities.js';
import { deleteNode, type LinkInput, link, unlink } from '../../queries/writes/links.js';
import {
  type AddSourceInput,
  type AddStatementInput,
  addSource,
  addStatement,
} from '../../queries/writes/statements.js';
import type { Context } from '../context.js';
import { type DecodedId, keyOfType } from './ids.js';

/** A resolver for one upsert: the write, then the loaders forget the old entity. */
function upsertResolver<Input>(write: (db: Context['db'], input: Input) => Promise<EntityRecord>) {
  return async (ctx: Context, input: Input): Promise<EntityRecord> => {
    const entity = await write(ctx.db, input);
    ctx.loaders.entityByKey.clear(entity.key).prime(entity.key, entity);
    ctx.loaders.entityLinks.clear(entity.key);
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
  return source;
}

export async function addStatementResolver(
  ctx: Context,
  input: Omit<AddStatementInput, 'reports'> & { reports?: DecodedId | null },
) {
  const reports = input.reports == null ? null : keyOfType(input.reports, ['Statement'], 'reports');
  const statement = await addStatement(ctx.db, { ...input, reports });
  ctx.loaders.statementByKey.clear(statement.key).prime(statement.key, statement);
  ctx.loaders.statementLinks.clear(statement.key);
  return statement;
}

export async function linkResolver(ctx: Context, input: LinkInput) {
  ctx.loaders.entityLinks.clearAll();
  return link(ctx.db, input);
}

export async function unlinkResolver(ctx: Context, input: LinkInput) {
  ctx.loaders.entityLinks.clearAll();
  return unlink(ctx.db, input);
}

export async function deleteNodeResolver(ctx: Context, { typename, id: key }: DecodedId) {
  const deleted = await deleteNode(ctx.db, typename, key);
  for (const loader of [ctx.loaders.entityByKey, ctx.loaders.sourceByKey, ctx.loaders.statementByKey])
    loader.clear(key);
  return deleted;
}
