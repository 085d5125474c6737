/**
 * Corroboration: an article that reports a statement the graph already holds (another source quoting
 * the same words of the same speaker) should add its evidence to that statement, not make a second
 * one. Proposed and known statements of the same speaker are compared by their words; the best match
 * above the thresholds is proposed, with its score, for the editor to confirm.
 */
import type { Corroboration } from './draft.js';
import { normalise } from './text.js';
import type { Extraction } from './types.js';

/** A source by key, and where it was published (null: not known). */
export interface SourceRef {
  key: string;
  url: string | null;
}

/** A statement the graph holds: its speaker's key, its words and the sources that report it. */
export interface KnownStatement {
  key: string;
  speaker: string;
  text: string;
  sources: readonly SourceRef[];
}

/** Word overlap (Dice) at or above which two statements of one speaker are the same one. */
const SAME_WORDS = 0.6;
/** Or: the shorter one's words nearly all within the longer (one source quotes more of it), */
const CONTAINED = 0.9;
/** when the shorter has at least this many distinct words. */
const CONTAINED_MIN_WORDS = 5;

const wordsOf = (text: string) =>
  new Set(
    normalise(text)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );

/** How alike two statements' words are, in [0, 1]; 0 below both thresholds. */
export function sameness(a: string, b: string): number {
  const x = wordsOf(a);
  const y = wordsOf(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  const dice = (2 * shared) / (x.size + y.size);
  const smaller = Math.min(x.size, y.size);
  const contained = smaller >= CONTAINED_MIN_WORDS ? shared / smaller : 0;
  if (dice >= SAME_WORDS) return dice;
  return contained >= CONTAINED ? Math.max(dice, SAME_WORDS) : 0;
}

/**
 * For each proposed statement whose speaker is linked to a known entity, the known statement of that
 * speaker it says again (best first), unless that one is already reported by `source` itself or by
 * another version of it (a source published at the same URL): one article is never its own corroboration.
 */
export function corroborations(
  extraction: Extraction,
  known: readonly KnownStatement[],
  source: SourceRef,
): Map<string, Corroboration> {
  const same = (other: SourceRef) =>
    other.key === source.key || (source.url !== null && other.url === source.url);
  const linkOf = new Map(extraction.entities.map((e) => [e.id, e.link?.key ?? null]));
  const found = new Map<string, Corroboration>();
  for (const statement of extraction.statements) {
    const speaker = linkOf.get(statement.speaker);
    if (!speaker) continue;
    let best: Corroboration | null = null;
    for (const candidate of known) {
      if (candidate.speaker !== speaker || candidate.sources.some(same)) continue;
      const score = sameness(statement.text, candidate.text);
      if (score > 0 && (!best || score > best.score)) best = { key: candidate.key, score };
    }
    if (best) found.set(statement.id, { key: best.key, score: Math.round(best.score * 100) / 100 });
  }
  return found;
}
