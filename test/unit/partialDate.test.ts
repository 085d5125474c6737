import { describe, expect, it } from 'vitest';
import {
  checkDateOrder,
  datePropertiesOf,
  parseDateRange,
  parsePartialDate,
  partialDateFrom,
  periodOf,
} from '../../src/model/partialDate.js';

/** The GraphQL error `run` throws: message, code and the argument it names. */
function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    const { message, extensions } = error as { message: string; extensions: Record<string, unknown> };
    return { message, code: extensions.code, argument: extensions.argument };
  }
  throw new Error('nothing was refused');
}

const notADate = (value: string, argument = 'date') => ({
  message: `${argument} "${value}" is not a date: use YYYY, YYYY-MM, YYYY-MM-DD or a decade such as 1990s`,
  code: 'BAD_USER_INPUT',
  argument,
});

describe('parsePartialDate', () => {
  it('reads a decade as its ten years', () => {
    expect(parsePartialDate('1990s')).toEqual({
      iso: '1990s',
      precision: 'DECADE',
      earliest: '1990-01-01',
      latest: '1999-12-31',
    });
    expect(parsePartialDate('0000s').latest).toBe('0009-12-31');
  });

  it('reads a year, a month and a day, each as the first and last day it can mean', () => {
    expect(parsePartialDate('1990')).toEqual({
      iso: '1990',
      precision: 'YEAR',
      earliest: '1990-01-01',
      latest: '1990-12-31',
    });
    expect(parsePartialDate('1990-01')).toEqual({
      iso: '1990-01',
      precision: 'MONTH',
      earliest: '1990-01-01',
      latest: '1990-01-31',
    });
    expect(parsePartialDate('1990-01-20')).toEqual({
      iso: '1990-01-20',
      precision: 'DAY',
      earliest: '1990-01-20',
      latest: '1990-01-20',
    });
  });

  it('ends each month on its last day, February on the 29th in leap years', () => {
    expect(parsePartialDate('1990-04').latest).toBe('1990-04-30');
    expect(parsePartialDate('1990-12').latest).toBe('1990-12-31');
    expect(parsePartialDate('2015-02').latest).toBe('2015-02-28');
    expect(parsePartialDate('2016-02').latest).toBe('2016-02-29');
    expect(parsePartialDate('1900-02').latest).toBe('1900-02-28');
    expect(parsePartialDate('2000-02').latest).toBe('2000-02-29');
    expect(parsePartialDate('0000-02').latest).toBe('0000-02-29');
    expect(parsePartialDate('2016-02-29').iso).toBe('2016-02-29');
  });

  it('keeps years four digits, and ignores surrounding spaces', () => {
    expect(parsePartialDate('0999').earliest).toBe('0999-01-01');
    expect(parsePartialDate(' 2015-01 ').iso).toBe('2015-01');
  });

  it.each([
    '1990-13',
    '1990-00',
    '1990-02-30',
    '2015-02-29',
    '1990-04-31',
    '1990-01-00',
    '1995s',
    '10000',
    '19900-01',
    '990',
    '1990-1-5',
    '1990/01/20',
    '20 January 1990',
    'yesterday',
    '',
  ])('refuses %j, naming the argument', (value) => {
    expect(refusal(() => parsePartialDate(value))).toEqual(notADate(value));
    expect(refusal(() => parsePartialDate(value, 'since')).argument).toBe('since');
  });

  it('quotes at most 40 characters of what it refuses', () => {
    const long = `1990-${'x'.repeat(60)}`;
    expect(refusal(() => parsePartialDate(long, 'from')).message).toBe(
      `from "${long.slice(0, 40)}" is not a date: use YYYY, YYYY-MM, YYYY-MM-DD or a decade such as 1990s`,
    );
  });
});

describe('the order of two dates', () => {
  it('accepts an end that overlaps its start, or either missing', () => {
    const year = parsePartialDate('2015');
    expect(() => checkDateOrder(year, parsePartialDate('2015-06'), ['since', 'until'])).not.toThrow();
    expect(() => checkDateOrder(parsePartialDate('2015-06'), year, ['since', 'until'])).not.toThrow();
    expect(() => checkDateOrder(year, year, ['since', 'until'])).not.toThrow();
    expect(() => checkDateOrder(null, year, ['since', 'until'])).not.toThrow();
    expect(() => checkDateOrder(year, null, ['since', 'until'])).not.toThrow();
  });

  it('refuses an end wholly before its start, naming both', () => {
    expect(
      refusal(() => checkDateOrder(parsePartialDate('2016'), parsePartialDate('2015'), ['since', 'until'])),
    ).toEqual({ message: 'until "2015" is before since "2016"', code: 'BAD_USER_INPUT', argument: 'until' });
    expect(
      refusal(() =>
        checkDateOrder(parsePartialDate('1990s'), parsePartialDate('1989-12-31'), ['start', 'end']),
      ).message,
    ).toBe('end "1989-12-31" is before start "1990s"');
  });

  it('parses a range with open ends and checks its order', () => {
    expect(parseDateRange('1990-01-13', '1990-01', ['start', 'end'])).toEqual({
      start: { iso: '1990-01-13', precision: 'DAY', earliest: '1990-01-13', latest: '1990-01-13' },
      end: { iso: '1990-01', precision: 'MONTH', earliest: '1990-01-01', latest: '1990-01-31' },
    });
    expect(parseDateRange(null, undefined, ['start', 'end'])).toEqual({ start: null, end: null });
    expect(parseDateRange(undefined, '1990', ['start', 'end']).start).toBeNull();
    expect(refusal(() => parseDateRange('2015', '2014-12', ['from', 'to']))).toEqual({
      message: 'to "2014-12" is before from "2015"',
      code: 'BAD_USER_INPUT',
      argument: 'to',
    });
    expect(refusal(() => parseDateRange('2015', '2015-13', ['from', 'to']))).toEqual(
      notADate('2015-13', 'to'),
    );
  });

  it('turns a period filter into its first and last possible days', () => {
    expect(periodOf('1990s', '2015-02')).toEqual({ from: '1990-01-01', to: '2015-02-28' });
    expect(periodOf(null, null)).toEqual({ from: null, to: null });
  });
});

describe('stored partial dates', () => {
  it('writes a date as four properties under a prefix and reads it back', () => {
    const date = parsePartialDate('2015-01');
    const props = datePropertiesOf('since', date);
    expect(props).toEqual({
      sinceIso: '2015-01',
      sincePrecision: 'MONTH',
      sinceEarliest: '2015-01-01',
      sinceLatest: '2015-01-31',
    });
    expect(partialDateFrom(props, 'since')).toEqual(date);
    expect(partialDateFrom(datePropertiesOf('until', null), 'until')).toBeNull();
  });
});
