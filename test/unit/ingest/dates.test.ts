import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DATE_RULE,
  findDates,
  SAID_ON_PUBLICATION_DAY,
  statementDate,
} from '../../../src/ingest/dates.js';

const values = (text: string, published: string | null) => findDates(text, published).map((d) => d.value);

describe('dates', () => {
  it('reads explicit dates at the precision written', () => {
    expect(values('on March 3, 2024 and 3 March 2024 and 2024-03-03', null)).toEqual([
      '2024-03-03',
      '2024-03-03',
      '2024-03-03',
    ]);
    expect(values('in March 2024, in 2023', null)).toEqual(['2024-03', '2023']);
  });

  it('gives a month and day without a year the latest year not after publication', () => {
    expect(values('on the night of Jan. 20', '2015-01-21')).toEqual(['2015-01-20']);
    expect(values('on December 30', '2015-01-21')).toEqual(['2014-12-30']);
  });

  it('resolves a weekday to the latest such day on or before publication', () => {
    // 2024-03-13 is a Wednesday.
    expect(values('on Tuesday', '2024-03-13')).toEqual(['2024-03-12']);
    expect(values('on Wednesday', '2024-03-13')).toEqual(['2024-03-13']);
    expect(values('last Wednesday', '2024-03-13')).toEqual(['2024-03-06']);
  });

  it('resolves yesterday, today, last week and last month against publication', () => {
    expect(values('yesterday', '2024-03-01')).toEqual(['2024-02-29']);
    expect(values('today', '2024-03-01')).toEqual(['2024-03-01']);
    expect(values('last week', '2024-03-05')).toEqual(['2024-02']);
    expect(values('last week', '2024-03-13')).toEqual(['2024-03']);
    expect(values('last month', '2024-01-10')).toEqual(['2023-12']);
  });

  it('returns nothing relative without a publication date', () => {
    expect(values('on Tuesday, yesterday, last week', null)).toEqual([]);
  });

  it('dates a statement by its attribution, not by dates inside what was said', () => {
    const text = 'Thieves struck on Tuesday morning, the police said on Wednesday.';
    const attribution = [{ start: text.indexOf(', the police'), end: text.length }];
    expect(statementDate(text, attribution, 'said', '2024-03-14')).toBe('2024-03-13');
  });

  it('dates the present tense to publication and leaves a bare "said" undated by default', () => {
    expect(statementDate('x', [], 'say', '2024-03-15')).toBe('2024-03-15');
    expect(statementDate('x', [], 'said', '2024-03-15', DEFAULT_DATE_RULE)).toBeNull();
    expect(statementDate('x', [], 'said', '2024-03-15', SAID_ON_PUBLICATION_DAY)).toBe('2024-03-15');
    expect(statementDate('x', [], 'says', null)).toBeNull();
  });
});
