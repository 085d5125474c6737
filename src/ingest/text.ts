/**
 * Text primitives shared by the stages: name normalisation (case, accents, apostrophes), span trimming,
 * a word tokeniser with offsets, paragraphs and a sentence splitter that knows news abbreviations. Every
 * span here is a half-open [start, end) range of the original text; nothing rewrites the text itself.
 */
import type { Span } from './types.js';

/** Case-, accent- and apostrophe-insensitive form of a name, for comparing surfaces with known names. */
export function normalise(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/[“”„]/g, '"')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const EDGE = /[\s\p{P}\p{S}]/u;
/** Characters a span may end on although they are punctuation: none (spans end on a letter or digit). */
const isEdge = (ch: string | undefined) => ch !== undefined && EDGE.test(ch);

/**
 * The span without leading and trailing whitespace or punctuation, nor (unless `possessive` is false) a
 * trailing possessive ('s, ’s; the bare ’ of a plural is punctuation); null when nothing is left.
 */
export function trimSpan(text: string, start: number, end: number, possessive = true): Span | null {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  for (;;) {
    while (s < e && isEdge(text[s])) s++;
    while (e > s && isEdge(text[e - 1])) e--;
    const tail = text.slice(Math.max(s, e - 2), e);
    if (possessive && e - s > 2 && /^['’][sS]$/.test(tail)) {
      e -= 2;
      continue;
    }
    break;
  }
  return s < e ? { start: s, end: e } : null;
}

/** A word of the text with its offsets. */
export interface Word {
  text: string;
  start: number;
  end: number;
  /** Followed directly by a possessive ('s / ’s, or ’ after a plural s), which is not part of `text`. */
  possessive: boolean;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-'’&.][\p{L}\p{M}\p{N}]+)*/gu;

/** The words of text[from, to), possessives split off, abbreviation dots not included. */
export function words(text: string, from = 0, to = text.length): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = from;
  for (let m = WORD.exec(text); m !== null && m.index < to; m = WORD.exec(text)) {
    let value = m[0];
    let end = m.index + value.length;
    if (end > to) break;
    let possessive = false;
    if (/['’][sS]$/.test(value) && value.length > 2) {
      value = value.slice(0, -2);
      end -= 2;
      possessive = true;
    } else if (/s$/.test(value) && /^['’](?![\p{L}\p{N}])/u.test(text.slice(end, end + 2))) {
      possessive = true;
    }
    out.push({ text: value, start: m.index, end, possessive });
  }
  return out;
}

/** Paragraphs: text between blank lines (or single line breaks), trimmed, in order. */
export function paragraphs(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const span = trimSpanWhitespace(text, m.index, m.index + m[0].length);
    if (span) out.push(span);
  }
  return out;
}

function trimSpanWhitespace(text: string, start: number, end: number): Span | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  return s < e ? { start: s, end: e } : null;
}

/** Words after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(
  [
    'mr',
    'mrs',
    'ms',
    'dr',
    'prof',
    'sen',
    'rep',
    'gov',
    'gen',
    'lt',
    'col',
    'capt',
    'sgt',
    'maj',
    'st',
    'jr',
    'sr',
    'rev',
    'hon',
    'pres',
    'no',
    'vs',
    'etc',
    'inc',
    'ltd',
    'co',
    'corp',
    'jan',
    'feb',
    'mar',
    'apr',
    'jun',
    'jul',
    'aug',
    'sep',
    'sept',
    'oct',
    'nov',
    'dec',
    'u.s',
    'u.k',
    'u.n',
    'e.u',
    'a.m',
    'p.m',
  ].map((w) => w),
);

/**
 * Sentences of text[from, to): a sentence ends at . ! or ? (followed by closing quotes or brackets) before
 * whitespace and a capital, a digit or an opening quote, unless the word before the stop is an
 * abbreviation or an initial; a line break always ends one. `masked` (same length as text, quoted words
 * replaced) lets callers split around quotations without their inner stops.
 */
export function sentences(text: string, from = 0, to = text.length, masked = text): Span[] {
  const out: Span[] = [];
  let start = from;
  const push = (end: number) => {
    const span = trimSpanWhitespace(text, start, end);
    if (span) out.push(span);
  };
  for (let i = from; i < to; i++) {
    const ch = masked[i];
    if (ch === '\n') {
      push(i);
      start = i + 1;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let j = i + 1;
    while (j < to && /["”’')\]]/.test(masked[j] ?? '')) j++;
    if (j < to && !/[ \t]/.test(masked[j] ?? '')) continue;
    let k = j;
    while (k < to && /[ \t]/.test(masked[k] ?? '')) k++;
    const next = masked[k];
    if (k < to && next !== '\n' && !/[\p{Lu}\p{N}"“‘'(]/u.test(next ?? '')) continue;
    if (ch === '.') {
      const before = /([\p{L}.]+)$/u.exec(masked.slice(Math.max(from, i - 12), i));
      const word = before?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word)) continue;
    }
    push(j);
    start = j;
  }
  push(to);
  return out;
}

/** Whether two spans share at least one character. */
export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Whether `inner` lies within `outer`. */
export const within = (inner: Span, outer: Span) => inner.start >= outer.start && inner.end <= outer.end;
