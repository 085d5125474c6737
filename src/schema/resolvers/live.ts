/**
 * Subscription resolvers: a subscription listens to one topic of the live bus, keeps the events its
 * arguments match, and resolves each through the normal types. Its context lasts as long as the
 * subscription, so every event gets fresh loaders, waiting for the bookmarks of the write it announces
 * and shared with the event's other subscribers: an event is never answered from what an earlier one
 * read, nor from a cluster member behind the write, and is read once however many receive it.
 */
import { notFound } from '../../errors.js';
import { Interrupted, type Topic, type Topics } from '../../live/bus.js';
import type { NodeChanged } from '../../live/changes.js';
import { statementMatches } from '../../live/filter.js';
import { typeOfKey } from '../../model/keys.js';
import { ENTITY_LABELS } from '../../model/records.js';
import type { Context } from '../context.js';
import { type DecodedId, keyOfType } from './ids.js';
import { checkedStatementFilter, type StatementFilterArg } from './lists.js';

/** An event as its subscriber sees it: with fresh loaders, or the interruption's error. */
function received<T extends Topic>(ctx: Context, event: Topics[T] | Interrupted): Topics[T] {
  if (event instanceof Interrupted) throw event.error;
  ctx.loaders = ctx.loadersOfEvent(event);
  return event;
}

/** Subscription.statementAdded: new statements that `statements(filter:)` would list. */
export function statementsAdded(ctx: Context, filter: StatementFilterArg) {
  const checked = checkedStatementFilter(filter);
  return ctx.live.listen('statementAdded', undefined, (event) => statementMatches(checked, event));
}

/** The statement an event announces; null if it was deleted before its subscriber read it. */
export function statementOfEvent(ctx: Context, event: Topics['statementAdded'] | Interrupted) {
  const { key } = received<'statementAdded'>(ctx, event);
  return ctx.loaders.statementByKey.load(key);
}

/** Subscription.entityChanged and eventUpdated: the changes of one existing entity of these types. */
export async function changesOf(ctx: Context, id: DecodedId, types: readonly string[]) {
  const key = keyOfType(id, types, 'id');
  const entity = await ctx.loaders.entityByKey.load(key);
  if (!entity)
    throw notFound(`no ${types.length === 1 ? types[0] : 'entity'} has this id`, { argument: 'id' });
  return ctx.live.listen('nodeChanged', key);
}

/** A change event as the EntityChange and EventUpdate types read it. */
export const changeOfEvent = (ctx: Context, event: Topics['nodeChanged'] | Interrupted): NodeChanged =>
  received<'nodeChanged'>(ctx, event);

/** The entity a change is about, as it is now (null once deleted). */
export const entityOfChange = (ctx: Context, change: NodeChanged) =>
  change.change === 'DELETED' ? null : ctx.loaders.entityByKey.load(change.key);

/** The node at the other end of a LINKED/UNLINKED change (an entity, a statement or a source). */
export function otherOfChange(ctx: Context, change: NodeChanged) {
  if (change.other === null) return null;
  const type = typeOfKey(change.other);
  if (type === 'Statement') return ctx.loaders.statementByKey.load(change.other);
  if (type === 'Source') return ctx.loaders.sourceByKey.load(change.other);
  return type && (ENTITY_LABELS as readonly string[]).includes(type)
    ? ctx.loaders.entityByKey.load(change.other)
    : null;
}
