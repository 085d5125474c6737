import { describe, expect, it } from 'vitest';
import { normalise, sentences, trimSpan, words } from '../../../src/ingest/text.js';

describe('text primitives', () => {
  it('normalises case, accents and apostrophes alike', () => {
    expect(normalise('  Azerbaijan’s  Élite ')).toBe("azerbaijan's elite");
  });

  it('trims edge punctuation, whitespace and a trailing possessive from a span', () => {
    const text = ' “Norvik’s,” ';
    const span = trimSpan(text, 0, text.length);
    expect(span && text.slice(span.start, span.end)).toBe('Norvik');
    expect(trimSpan(text, 0, 2)).toBeNull();
  });

  it('keeps a possessive when asked to (quoted words)', () => {
    const text = '"the people’s"';
    const span = trimSpan(text, 0, text.length, false);
    expect(span && text.slice(span.start, span.end)).toBe('the people’s');
  });

  it('splits off possessives from words and keeps hyphenated names whole', () => {
    const ws = words("Nagorno-Karabakh's O'Brien Jones' dog");
    expect(ws.map((w) => [w.text, w.possessive])).toEqual([
      ['Nagorno-Karabakh', true],
      ["O'Brien", false],
      ['Jones', true],
      ['dog', false],
    ]);
  });

  it('splits sentences but not after abbreviations, initials or dates', () => {
    const text =
      'Mr. Lopez met Gen. J. Smith on Jan. 20 in the U.S. capital. He left. “Go,” she said.\nNext line';
    expect(sentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'Mr. Lopez met Gen. J. Smith on Jan. 20 in the U.S. capital.',
      'He left.',
      '“Go,” she said.',
      'Next line',
    ]);
  });
});
