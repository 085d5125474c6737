/**
 * What compromise (a rule-based English tagger, no model files) says about the text: its people,
 * organisations and places with trimmed offsets, and the part-of-speech tags of each word by its start.
 * Compromise's own spans include trailing punctuation and possessives; they are trimmed here and checked
 * against the text, a span that does not cut its own words being dropped.
 */
import nlp from 'compromise';
import { trimSpan } from './text.js';
import type { EntityLabel, Span } from './types.js';

export interface NerSpan extends Span {
  label: EntityLabel;
}

export interface Ner {
  spans: NerSpan[];
  /** Tags of the word starting at an offset. */
  tags: Map<number, ReadonlySet<string>>;
  /** Words tagged as demonyms anywhere in the text ("Armenian"), lower-case: compromise is not consistent. */
  demonyms: ReadonlySet<string>;
}

interface Term {
  text: string;
  tags: string[];
  offset: { start: number; length: number };
}
interface Match {
  text: string;
  offset: { start: number; length: number };
  terms?: Term[];
}

/** Runs compromise once over the text. */
export function tagText(text: string): Ner {
  const doc = nlp(text);
  const spans: NerSpan[] = [];
  const groups: [EntityLabel, Match[]][] = [
    ['Person', doc.people().json({ offset: true }) as Match[]],
    ['Organisation', doc.organizations().json({ offset: true }) as Match[]],
    ['Place', doc.places().json({ offset: true }) as Match[]],
  ];
  for (const [label, matches] of groups) {
    for (const match of matches) {
      const span = trimSpan(text, match.offset.start, match.offset.start + match.offset.length);
      if (span && text.slice(span.start, span.end).length > 1) spans.push({ ...span, label });
    }
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const tags = new Map<number, ReadonlySet<string>>();
  const demonyms = new Set<string>();
  for (const sentence of doc.json({ offset: true, terms: { offset: true } }) as Match[]) {
    for (const term of sentence.terms ?? []) {
      tags.set(term.offset.start, new Set(term.tags));
      if (term.tags.includes('Demonym')) demonyms.add(term.text.toLowerCase());
    }
  }
  return { spans, tags, demonyms };
}

/** The label compromise gives to most of `span`, or null. */
export function nerLabel(ner: Ner, span: Span): EntityLabel | null {
  let best: { label: EntityLabel; cover: number } | null = null;
  for (const s of ner.spans) {
    if (s.start >= span.end) break;
    const cover = Math.min(s.end, span.end) - Math.max(s.start, span.start);
    if (cover * 2 < span.end - span.start) continue;
    if (!best || cover > best.cover) best = { label: s.label, cover };
  }
  return best?.label ?? null;
}
