/** Mutation resolvers: the write switch, id decoding, then one write; loaders forget what changed. */
import type { EntityRecord } from '../loaders/records.js';
import type { Context } from '../schema/builder.js';
import { fromGlobalId } from '../schema/globalId.js';
import {
  type UpsertEventInput,
  type UpsertOrganisationInput,
  type UpsertPersonInput,
  type UpsertPlaceInput,
  upsertEvent,
  upsertOrganisation,
  upsertPerson,
  upsertPlace,
} from '../writes/entities.js';
import { deleteNode, type LinkInput, link, unlink } from '../writes/links.js';
import {
  type AddSourceInput,
  type AddStatementInput,
  addSource,
  addStatement,
} from '../writes/statements.js';
import { assertCanWrite } from './guards.js';
import { keyOfId } from './ids.js';

function fresh(ctx: Context, entity: EntityRecord): EntityRecord {
  ctx.loaders.entityByKey.clear(entity.key).prime(entity.key, entity);
  ctx.loaders.entityLinks.clear(entity.key);
  return entity;
}

export async function upsertPersonResolver(ctx: Context, input: UpsertPersonInput) {
  assertCanWrite(ctx);
  return fresh(ctx, await upsertPerson(ctx.db, input));
}

export async function upsertOrganisationResolver(ctx: Context, input: UpsertOrganisationInput) {
  assertCanWrite(ctx);
  return fresh(ctx, await upsertOrganisation(ctx.db, input));
}

export async function upsertPlaceResolver(ctx: Context, input: UpsertPlaceInput) {
  assertCanWrite(ctx);
  return fresh(ctx, await upsertPlace(ctx.db, input));
}

export async function upsertEventResolver(ctx: Context, input: UpsertEventInput) {
  assertCanWrite(ctx);
  return fresh(ctx, await upsertEvent(ctx.db, input));
}

export async function addSourceResolver(ctx: Context, input: AddSourceInput) {
  assertCanWrite(ctx);
  const source = await addSource(ctx.db, input);
  ctx.loaders.sourceByKey.clear(source.key).prime(source.key, source);
  ctx.loaders.sourceLinks.clear(source.key);
  return source;
}

export async function addStatementResolver(
  ctx: Context,
  input: Omit<AddStatementInput, 'reports'> & { reports?: string | null },
) {
  assertCanWrite(ctx);
  const reports = input.reports == null ? null : keyOfId(input.reports, ['Statement'], 'reports');
  const statement = await addStatement(ctx.db, { ...input, reports });
  ctx.loaders.statementByKey.clear(statement.key).prime(statement.key, statement);
  ctx.loaders.statementLinks.clear(statement.key);
  return statement;
}

export async function linkResolver(ctx: Context, input: LinkInput) {
  assertCanWrite(ctx);
  ctx.loaders.entityLinks.clearAll();
  return link(ctx.db, input);
}

export async function unlinkResolver(ctx: Context, input: LinkInput) {
  assertCanWrite(ctx);
  ctx.loaders.entityLinks.clearAll();
  return unlink(ctx.db, input);
}

export async function deleteNodeResolver(ctx: Context, id: string) {
  assertCanWrite(ctx);
  const { type, key } = fromGlobalId(id);
  const deleted = await deleteNode(ctx.db, type, key);
  for (const loader of [ctx.loaders.entityByKey, ctx.loaders.sourceByKey, ctx.loaders.statementByKey])
    loader.clear(key);
  return deleted;
}
