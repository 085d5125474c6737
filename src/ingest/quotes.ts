/**
 * Quotations: the spans between quotation marks, straight ("…") or curly (“…”, and ‘…’ when it opens
 * after a space), nested marks kept inside. By the press convention a quotation that runs over several
 * paragraphs leaves its paragraphs unclosed and opens each following one with a quotation mark: such a
 * quotation is one Quotation with one part per paragraph. An unclosed quotation whose next paragraph does
 * not open with a mark ends with its paragraph.
 */
import { paragraphs, trimSpan } from './text.js';
import type { Span } from './types.js';

export interface Quotation {
  /** Offset of the opening mark (of the first paragraph). */
  open: number;
  /** Offset just after the closing mark; the end of the last paragraph when unclosed. */
  close: number;
  /** The quoted words of each paragraph, marks, edge whitespace and punctuation excluded. */
  parts: Span[];
  /** Whether a closing mark ended it. */
  closed: boolean;
}

type Family = 'double' | 'single';

const OPENING_CONTEXT = /[\s([{—–\-/:;,]/;

function opensAt(text: string, i: number, paragraphStart: number): Family | null {
  const c = text[i];
  const prev = i > paragraphStart ? text[i - 1] : ' ';
  const next = text[i + 1] ?? '';
  if (c === '“' || c === '„') return 'double';
  if (c === '"') return /\S/.test(next) ? 'double' : null;
  if (c === '‘' && OPENING_CONTEXT.test(prev ?? ' ') && /[\p{L}\p{N}]/u.test(next)) return 'single';
  return null;
}

function closesAt(text: string, i: number, family: Family): boolean {
  const c = text[i];
  const prev = text[i - 1] ?? ' ';
  const next = text[i + 1] ?? ' ';
  if (family === 'double') return c === '”' || (c === '"' && /\S/.test(prev));
  if (c !== '’' || /\s/.test(prev)) return false;
  // An apostrophe inside a word (it’s) or after the s of a plural possessive (Armenians’ defense) does not close.
  if (/[\p{L}\p{N}]/u.test(next)) return false;
  return !(prev === 's' && /\s/.test(next) && /\p{L}/u.test(text[i + 2] ?? ''));
}

interface Open {
  open: number;
  family: Family;
  partStart: number;
  parts: Span[];
  lastEnd: number;
  nested: number;
}

/** Every quotation of the text, in order. */
export function quotations(text: string): Quotation[] {
  const out: Quotation[] = [];
  const state: { current: Open | null } = { current: null };
  const finish = (q: Open, close: number, closed: boolean) => {
    if (q.parts.length > 0) out.push({ open: q.open, close, parts: q.parts, closed });
    state.current = null;
  };
  for (const paragraph of paragraphs(text)) {
    let i = paragraph.start;
    const carried = state.current;
    if (carried) {
      if (opensAt(text, i, paragraph.start) === carried.family) {
        carried.partStart = i + 1;
        carried.nested = 0;
        i++;
      } else {
        finish(carried, carried.lastEnd, false);
      }
    }
    for (; i < paragraph.end; i++) {
      const q = state.current;
      if (q === null) {
        const family = opensAt(text, i, paragraph.start);
        if (family)
          state.current = { open: i, family, partStart: i + 1, parts: [], lastEnd: paragraph.end, nested: 0 };
        continue;
      }
      const c = text[i];
      const nestedOpen =
        q.family === 'double'
          ? c === '“' || c === '„'
          : c === '‘' && opensAt(text, i, paragraph.start) === 'single';
      if (nestedOpen) {
        q.nested++;
        continue;
      }
      if (!closesAt(text, i, q.family)) continue;
      if (q.nested > 0 && c !== '"') {
        q.nested--;
        continue;
      }
      const part = trimSpan(text, q.partStart, i, false);
      if (part) q.parts.push(part);
      finish(q, i + 1, true);
    }
    const open = state.current;
    if (open) {
      const part = trimSpan(text, open.partStart, paragraph.end, false);
      if (part) open.parts.push(part);
      open.lastEnd = paragraph.end;
    }
  }
  const last = state.current;
  if (last) finish(last, last.lastEnd, false);
  return out;
}

/**
 * The text with the quoted words replaced by 'x' (line breaks and each part's final punctuation kept):
 * same length and offsets, so outer sentences and attribution patterns can be read around quotations.
 */
export function maskQuotations(text: string, quotes: readonly Quotation[]): string {
  const chars = text.split('');
  for (const q of quotes) {
    for (let i = q.open + 1; i < q.close - (q.closed ? 1 : 0); i++) {
      if (chars[i] !== '\n') chars[i] = 'x';
    }
    for (const part of q.parts) {
      // Keep the punctuation that ends each part (a stop or a comma before the closing mark).
      for (let i = part.end; i < text.length && /[.,!?;:—–-]/.test(text[i] ?? ''); i++)
        chars[i] = text[i] ?? '';
    }
  }
  return chars.join('');
}

/** Number of words in the quotation. */
export const wordCount = (text: string, q: Quotation) =>
  q.parts.reduce((n, p) => n + (text.slice(p.start, p.end).match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0);
