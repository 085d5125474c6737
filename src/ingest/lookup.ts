/**
 * An in-memory Lookup over a list of known entities, for tests and offline runs. It stands in for the
 * production lookup over the graph's full-text index (same signature) and scores a surface against each
 * entity's name and aliases, compared case-, accent- and apostrophe-insensitively:
 *   1.0   the surface is the name or an alias;
 *   0.95  the same after dropping a leading "the";
 *   0.7   the surface is the last word of a person's name or alias (a surname: "Lopez");
 *   0.5 × share of the name's words covered, when every word of the surface is a word of the name
 *         ("Foreign Affairs" against "Ministry of Foreign Affairs") — never enough to link on its own.
 * Candidates come best first; ties keep the order of `known`.
 */
import { normalise } from './text.js';
import type { KnownEntity, Lookup } from './types.js';

/** Words that carry no identity in a name. */
const FILLER = new Set(['the', 'of', 'for', 'and', 'in', 'on', 'de', 'la', 'le', 'du', 'des', 'a', 'an']);

/**
 * The words a name must hold for `surface` to score above 0 against it (case and accents folded, fillers
 * left out): a lookup may ask its index for names holding all of them, and nothing else.
 */
export function identityWords(surface: string): string[] {
  const found = normalise(surface).match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(found.filter((w) => w.length > 1 && !FILLER.has(w)))];
}

const withoutThe = (s: string) => s.replace(/^the /, '');
const tokens = (s: string) => s.split(/[\s-]+/).filter((t) => t.length > 0);

const namesCache = new WeakMap<KnownEntity, string[]>();
function namesOf(entity: KnownEntity): string[] {
  let names = namesCache.get(entity);
  if (!names) {
    names = [entity.name, ...entity.aliases].map(normalise);
    namesCache.set(entity, names);
  }
  return names;
}

/** How well `surface` names `entity`, in [0, 1] (see above). */
export function scoreName(surface: string, entity: KnownEntity): number {
  const s = normalise(surface);
  if (s.length === 0) return 0;
  let best = 0;
  for (const n of namesOf(entity)) {
    if (n === s) return 1;
    if (withoutThe(n) === withoutThe(s)) best = Math.max(best, 0.95);
    const nameTokens = tokens(n);
    const surfaceTokens = tokens(s);
    if (
      entity.label === 'Person' &&
      surfaceTokens.length === 1 &&
      nameTokens.length > 1 &&
      nameTokens[nameTokens.length - 1] === s
    ) {
      best = Math.max(best, 0.7);
      continue;
    }
    const content = nameTokens.filter((t) => !FILLER.has(t));
    const surfaceContent = surfaceTokens.filter((t) => !FILLER.has(t));
    if (surfaceContent.length > 0 && surfaceContent.every((t) => content.includes(t))) {
      best = Math.max(best, 0.5 * (surfaceContent.length / Math.max(1, content.length)));
    }
  }
  return best;
}

/** The `limit` best of `entities` for `surface` by scoreName, best first (ties in their order); none scoring 0. */
export function ranked(surface: string, entities: readonly KnownEntity[], limit: number) {
  return entities
    .map((entity, order) => ({ entity, score: scoreName(surface, entity), order }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map(({ entity, score }) => ({ entity, score }));
}

/** A Lookup answering from `known` (see the scores above); at most `limit` candidates per surface. */
export function lookupFrom(known: readonly KnownEntity[], limit = 5): Lookup {
  return async (surfaces) => {
    const out = new Map<string, { entity: KnownEntity; score: number }[]>();
    for (const surface of surfaces) {
      if (out.has(surface)) continue;
      out.set(surface, ranked(surface, known, limit));
    }
    return out;
  };
}
