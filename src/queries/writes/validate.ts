import type { TxRun } from '../../db/database.js';
import { badInput, notFound } from '../../errors.js';
import type { KeyPrefix } from '../../model/keys.js';
import { entityMap } from '../projections.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** How many PART_OF steps the cycle checks of partOf and PART_OF links follow. */
export const PART_OF_DEPTH = 20;

/** Checks a `<type>/<slug>` key (lower-case ASCII words joined by `-`) of the expected type. */
export function checkKey(key: string, type: KeyPrefix, argument = 'key'): string {
  const [prefix, slug, ...rest] = key.split('/');
  if (prefix !== type || slug === undefined || rest.length > 0 || !SLUG.test(slug) || key.length > 200) {
    throw badInput(
      `${argument} "${key.slice(0, 100)}" must look like "${type}/<slug>": lower-case ASCII words joined by "-"`,
      { argument },
    );
  }
  return key;
}

/** Control characters no stored text may hold (tab, line feed and carriage return are text). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** Trims a required free-text value and rejects it when empty, too long or carrying control characters. */
export function checkText(value: string, argument: string, maxLength = 500): string {
  const text = value.trim();
  if (text.length === 0) throw badInput(`${argument} must not be empty`, { argument });
  if (text.length > maxLength)
    throw badInput(`${argument} is longer than ${maxLength} characters`, { argument });
  if (CONTROL_CHARACTERS.test(text)) {
    throw badInput(`${argument} contains control characters`, { argument });
  }
  return text;
}

/** Checked, trimmed, de-duplicated names (order kept). */
export function checkAliases(aliases: readonly string[], argument = 'aliases'): string[] {
  if (aliases.length > 50) throw badInput(`${argument} holds more than 50 names`, { argument });
  return [...new Set(aliases.map((a) => checkText(a, argument, 200)))];
}

/** A reference by key to a node that must exist with one of the given labels. */
export interface Ref {
  key: string;
  labels: readonly string[];
  argument: string;
}

// Two index seeks per key (Entity and Source keys are each unique and indexed).
const REF_LOOKUP = `
  UNWIND $keys AS key
  OPTIONAL MATCH (e:Entity {key: key})
  OPTIONAL MATCH (s:Source {key: key})
  RETURN key, labels(coalesce(e, s)) AS labels`;

/** The labels of the Entity or Source nodes with these keys, in one query (null for a key no node has). */
export async function lookupLabels(
  run: TxRun,
  keys: readonly string[],
): Promise<Map<string, string[] | null>> {
  if (keys.length === 0) return new Map();
  const rows = await run('checkRefs', REF_LOOKUP, { keys: [...new Set(keys)] });
  return new Map(rows.map((r) => [r.key as string, r.labels as string[] | null]));
}

/**
 * Checks every reference against the labels of the nodes they name (`labelsOf` answers null or
 * undefined for a key no node has): NOT_FOUND names the first missing key, BAD_USER_INPUT the first of
 * the wrong type.
 */
export function checkRefsIn(
  refs: readonly Ref[],
  labelsOf: (key: string) => readonly string[] | null | undefined,
): void {
  for (const ref of refs) {
    const found = labelsOf(ref.key);
    if (!found)
      throw notFound(`${ref.argument}: no node has key "${ref.key.slice(0, 200)}"`, {
        argument: ref.argument,
        key: ref.key,
      });
    if (!ref.labels.some((l) => found.includes(l))) {
      throw badInput(`${ref.argument}: "${ref.key}" is not a ${ref.labels.join(' or ')}`, {
        argument: ref.argument,
      });
    }
  }
}

/** Checks inside the write transaction that every referenced key exists with an expected label. */
export async function checkRefs(run: TxRun, refs: readonly Ref[]): Promise<void> {
  if (refs.length === 0) return;
  const labels = await lookupLabels(
    run,
    refs.map((r) => r.key),
  );
  checkRefsIn(refs, (key) => labels.get(key));
}

/** Events already stored, by key, whole (a dataset's checks of their dates need them). */
export const STORED_EVENTS = `UNWIND $keys AS key MATCH (n:Event {key: key}) RETURN ${entityMap('n')} AS entity`;

// Every PART_OF edge a cycle check could walk from these keys (as deep as the checks look, and one more).
export const PART_OF_EDGES = `
  UNWIND $keys AS key
  MATCH (:Entity {key: key})-[:PART_OF*0..${PART_OF_DEPTH}]->(a)-[:PART_OF]->(b)
  RETURN DISTINCT a.key AS from, b.key AS to`;
