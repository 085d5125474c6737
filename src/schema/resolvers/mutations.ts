/**
 * Mutation resolvers (the schema requires the editor role): id decoding, one write, then loaders forget
 * what changed and the live bus hears of it — only once the write has committed, since `await` on the
 * write returns after the commit and a failed write throws before any announcement.
 */

import {
  type Change,
  deletedChange,
  linkChanges,
  type StatementLinks,
  statementAddedChanges,
  statementLinkChanges,
  upsertChanges,
} from '../../live/changes.js';
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

/** The link fields an upsert input may set (the others are the entity's own fields). */
const UPSERT_LINK_FIELDS = ['basedIn', 'partOf', 'places', 'participants'] as const;

/** A resolver for one upsert: the write, then the loaders forget the old entity, then the announcement. */
function upsertResolver<Input extends { key: string }>(
  write: (db: Context['db'], input: Input) => Promise<EntityRecord>,
) {
  return async (ctx: Context, input: Input): Promise<EntityRecord> => {
    const before = await ctx.loaders.entityByKey.load(input.key);
    const entity = await write(ctx.db, input);
    ctx.loaders.entityByKey.clear(entity.key).prime(entity.key, entity);
    ctx.loaders.entityLinks.clear(entity.key);
    const given = input as Record<string, unknown>;
    const linkFields = UPSERT_LINK_FIELDS.filter((name) => given[name] != null);
    await ctx.live.announce(upsertChanges(before, entity, linkFields));
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
  await ctx.live.announce([]);
  return source;
}

export async function addStatementResolver(
  ctx: Context,
  input: Omit<AddStatementInput, 'reports'> & { reports?: DecodedId | null },
) {
  const reports = input.reports == null ? null : keyOfType(input.reports, ['Statement'], 'reports');
  const { statement, created } = await addStatement(ctx.db, { ...input, reports });
  ctx.loaders.statementByKey.clear(statement.key).prime(statement.key, statement);
  ctx.loaders.statementLinks.clear(statement.key);
  const links = {
    speaker: input.speaker,
    onBehalfOf: input.onBehalfOf ?? [],
    addressedTo: input.addressedTo ?? [],
    about: input.about ?? [],
  };
  // Adding it again (same evidence and speaker) updates it: no statementAdded for that.
  await ctx.live.announce(created ? statementAddedChanges(statement, links) : []);
  return statement;
}

export async function linkResolver(ctx: Context, input: LinkInput) {
  ctx.loaders.entityLinks.clearAll();
  const linked = await link(ctx.db, input);
  await ctx.live.announce(linkChanges(input.from, input.to, input.type, 'LINKED'));
  return linked;
}

export async function unlinkResolver(ctx: Context, input: LinkInput) {
  ctx.loaders.entityLinks.clearAll();
  const removed = await unlink(ctx.db, input);
  await ctx.live.announce(removed ? linkChanges(input.from, input.to, input.type, 'UNLINKED') : []);
  return removed;
}

/** The entities a statement links to, read before it goes (once it is gone, so are its links). */
async function statementLinksOf(ctx: Context, key: string): Promise<StatementLinks | null> {
  const links = ctx.loaders.statementLinks;
  const [speaker, onBehalfOf, addressedTo, about] = await Promise.all([
    links.load(key, 'speaker'),
    links.load(key, 'onBehalfOf'),
    links.load(key, 'addressedTo'),
    links.load(key, 'about'),
  ]);
  const keys = (entities: readonly { key: string }[]) => entities.map((e) => e.key);
  return speaker
    ? {
        speaker: speaker.key,
        onBehalfOf: keys(onBehalfOf),
        addressedTo: keys(addressedTo),
        about: keys(about),
      }
    : null;
}

export async function deleteNodeResolver(ctx: Context, { typename, id: key }: DecodedId) {
  const links = typename === 'Statement' ? await statementLinksOf(ctx, key) : null;
  const deleted = await deleteNode(ctx.db, typename, key);
  for (const loader of [ctx.loaders.entityByKey, ctx.loaders.sourceByKey, ctx.loaders.statementByKey])
    loader.clear(key);
  // A source takes with it the statements only it reports: caches hear of it, subscriptions do not.
  const changes: Change[] =
    typename === 'Source'
      ? []
      : typename === 'Statement'
        ? links
          ? statementLinkChanges(key, links, 'UNLINKED')
          : []
        : [deletedChange(key)];
  await ctx.live.announce(changes);
  return deleted;
}
