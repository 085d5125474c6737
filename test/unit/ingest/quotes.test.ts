import { describe, expect, it } from 'vitest';
import { maskQuotations, quotations } from '../../../src/ingest/quotes.js';

const parts = (text: string) => quotations(text).map((q) => q.parts.map((p) => text.slice(p.start, p.end)));

describe('quotations', () => {
  it('finds straight and curly quotations, edge punctuation off', () => {
    const text = '"We will win," he said. She said: “They will not.”';
    expect(parts(text)).toEqual([['We will win'], ['They will not']]);
  });

  it('keeps nested quotation marks inside the quotation', () => {
    const text = '“The so-called “Ring” operation failed,” she said.';
    expect(parts(text)).toEqual([['The so-called “Ring” operation failed']]);
  });

  it('continues a quotation into the next paragraph when it opens with a quotation mark', () => {
    const text = '“First paragraph goes on.\n\n“Second paragraph ends,” she said.\n\nAfter.';
    const q = quotations(text);
    expect(q).toHaveLength(1);
    expect(parts(text)).toEqual([['First paragraph goes on', 'Second paragraph ends']]);
    expect(q[0]?.closed).toBe(true);
  });

  it('ends an unclosed quotation with its paragraph when the next one does not open with a mark', () => {
    const text = '“Unclosed words here.\n\nPlain text follows.';
    const q = quotations(text);
    expect(parts(text)).toEqual([['Unclosed words here']]);
    expect(q[0]?.closed).toBe(false);
  });

  it('does not take apostrophes and plural possessives for single quotation marks', () => {
    const text = 'It’s the Armenians’ defence, and ‘a quoted phrase’ here.';
    expect(parts(text)).toEqual([['a quoted phrase']]);
  });

  it('masks quoted words keeping offsets and the final punctuation', () => {
    const text = '“Go now,” he said.';
    const masked = maskQuotations(text, quotations(text));
    expect(masked).toHaveLength(text.length);
    expect(masked).toBe('“xxxxxx,” he said.');
  });
});
