/**
 * Keys name their node's type: `person/david-babayan`, `source/asbarez-2015-…`. This is the one table
 * from a key's prefix to its GraphQL type, and from that type to the label its key is unique under.
 */
import { ENTITY_LABELS, type EntityLabel } from './records.js';

/** The GraphQL object types a key can name, by the key's prefix. */
export const TYPE_OF_PREFIX = {
  person: 'Person',
  organisation: 'Organisation',
  place: 'Place',
  event: 'Event',
  source: 'Source',
  statement: 'Statement',
} as const;

export type KeyPrefix = keyof typeof TYPE_OF_PREFIX;
export type NodeType = (typeof TYPE_OF_PREFIX)[KeyPrefix];
/** The labels whose keys are unique (and indexed): a lookup by key matches one of them. */
export type LookupLabel = 'Entity' | 'Statement' | 'Source';

/** The type a key names by its prefix, or null when the prefix is not one of ours. */
export function typeOfKey(key: string): NodeType | null {
  const prefix = key.split('/', 1)[0] ?? '';
  return Object.hasOwn(TYPE_OF_PREFIX, prefix) ? TYPE_OF_PREFIX[prefix as KeyPrefix] : null;
}

/** The prefix keys of a type start with: `Person` → `person`. */
export const prefixOf = (type: NodeType): KeyPrefix => type.toLowerCase() as KeyPrefix;

/** True for the four entity types (their nodes share the Entity label). */
const isEntityType = (type: string): type is EntityLabel =>
  (ENTITY_LABELS as readonly string[]).includes(type);

/** The label to look a node of this GraphQL type up by (null for a type without nodes). */
export function lookupLabel(type: string): LookupLabel | null {
  if (isEntityType(type)) return 'Entity';
  return type === 'Statement' || type === 'Source' ? type : null;
}

/** A name as a key's slug: ASCII letters and digits, lower-case, joined by "-", whole words up to `maxLength` (empty when none are left). */
export function slugOf(name: string, maxLength = 60): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  // Whole words only, unless the first word alone is too long.
  const cut = slug.slice(0, maxLength + 1);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : slug.slice(0, maxLength);
}
