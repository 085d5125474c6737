import { ENTITY_LABELS, type EntityLabel, type EntityRecord } from '../loaders/entities.js';
import type { Context } from '../schema/builder.js';
import { fromGlobalId } from '../schema/globalId.js';
import { type UpsertPersonInput, upsertPerson } from '../writes/entities.js';
import { assertCanWrite } from './guards.js';

/** Query.entity: the entity with this key, or null. */
export function entityByKey(ctx: Context, key: string): Promise<EntityRecord | null> {
  return ctx.loaders.entityByKey.load(key);
}

const isEntityLabel = (type: string): type is EntityLabel =>
  (ENTITY_LABELS as readonly string[]).includes(type);

/** Query.node: the object behind a global id, or null when none; a malformed id is BAD_USER_INPUT. */
export async function nodeById(ctx: Context, id: string): Promise<EntityRecord | null> {
  const { type, key } = fromGlobalId(id);
  if (!isEntityLabel(type)) return null;
  const entity = await ctx.loaders.entityByKey.load(key);
  return entity?.label === type ? entity : null;
}

/** Mutation.upsertPerson. */
export async function upsertPersonResolver(ctx: Context, input: UpsertPersonInput): Promise<EntityRecord> {
  assertCanWrite(ctx);
  const person = await upsertPerson(ctx.db, input);
  ctx.loaders.entityByKey.clear(person.key).prime(person.key, person);
  return person;
}
