import { badInput } from '../errors.js';
import { type LookupLabel, lookupLabel, typeOfKey } from './keys.js';

/**
 * Relay global ids: base64url of `<GraphQL type>:<key>`, e.g. `Person:person/david-babayan`. Opaque to
 * clients, stable across databases (built from keys, never from Neo4j's internal element ids).
 */
export function toGlobalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/** Decodes a global id, or throws BAD_USER_INPUT when it is not one of ours. */
export function fromGlobalId(id: string): { type: string; key: string } {
  const decoded = /^[A-Za-z0-9_-]{1,400}$/.test(id) ? Buffer.from(id, 'base64url').toString('utf8') : '';
  const match = /^([A-Z][A-Za-z]*):(.+)$/.exec(decoded);
  // Keys name their type ("Person" ids hold "person/…" keys); anything else was not made here.
  if (!match?.[1] || !match[2] || toGlobalId(match[1], match[2]) !== id || typeOfKey(match[2]) !== match[1]) {
    throw badInput(`"${id.slice(0, 100)}" is not a valid id`, { argument: 'id' });
  }
  return { type: match[1], key: match[2] };
}

/** A node of `type` with `key`, as its lookup label and key; BAD_USER_INPUT names `argument` otherwise. */
export function endpointOf(type: string, key: string, argument: string): { label: LookupLabel; key: string } {
  const label = lookupLabel(type);
  if (!label) throw badInput(`${argument} is not the id of a node`, { argument });
  return { label, key };
}

/** A node named by its key (`person/david-babayan`) or its id, for the export endpoint and command. */
export function endpointOfKeyOrId(value: string, argument: string): { label: LookupLabel; key: string } {
  if (!value.includes('/')) {
    const { type, key } = fromGlobalId(value);
    return endpointOf(type, key, argument);
  }
  return { label: lookupLabel(typeOfKey(value) ?? '') ?? 'Entity', key: value };
}
