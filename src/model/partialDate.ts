import { badInput } from '../errors.js';

export type DatePrecision = 'DECADE' | 'YEAR' | 'MONTH' | 'DAY';

/** A date known to some precision, with the first and last day it can mean (ISO dates). */
export interface PartialDate {
  iso: string;
  precision: DatePrecision;
  earliest: string;
  latest: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
// Arithmetic, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999 (and 1900 is no leap year, 0 is).
const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (year: number, month: number) =>
  month === 2 && isLeap(year) ? 29 : (DAYS[month - 1] ?? 0);

/**
 * Parses "1990s" (decade), "1990", "1990-01" or "1990-01-20", for years 0000–9999 as ISO 8601 allows
 * (proleptic Gregorian calendar, 0000 being 1 BC); throws BAD_USER_INPUT naming the argument for
 * anything else, including impossible dates such as "1990-13" or "2015-02-30".
 */
export function parsePartialDate(value: string, argument = 'date'): PartialDate {
  const match = /^(\d{4})(?:(s)|-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  const invalid = () =>
    badInput(
      `${argument} "${value.slice(0, 40)}" is not a date: use YYYY, YYYY-MM, YYYY-MM-DD or a decade such as 1990s`,
      {
        argument,
      },
    );
  if (!match?.[1]) throw invalid();
  // Years stay four digits ("0999", not "999") so that the ISO strings sort as the dates do.
  const y = match[1];
  const year = Number(y);
  if (match[2]) {
    if (year % 10 !== 0) throw invalid();
    return { iso: `${y}s`, precision: 'DECADE', earliest: `${y}-01-01`, latest: `${pad(year + 9, 4)}-12-31` };
  }
  if (match[3] === undefined) {
    return { iso: y, precision: 'YEAR', earliest: `${y}-01-01`, latest: `${y}-12-31` };
  }
  const month = Number(match[3]);
  if (month < 1 || month > 12) throw invalid();
  const ym = `${y}-${pad(month)}`;
  if (match[4] === undefined) {
    return {
      iso: ym,
      precision: 'MONTH',
      earliest: `${ym}-01`,
      latest: `${ym}-${pad(daysInMonth(year, month))}`,
    };
  }
  const day = Number(match[4]);
  if (day < 1 || day > daysInMonth(year, month)) throw invalid();
  const iso = `${ym}-${pad(day)}`;
  return { iso, precision: 'DAY', earliest: iso, latest: iso };
}

/** Neo4j properties for a partial date under a prefix: `<p>Iso`, `<p>Precision`, `<p>Earliest`, `<p>Latest`. */
export function datePropertiesOf(prefix: string, date: PartialDate | null): Record<string, string | null> {
  return {
    [`${prefix}Iso`]: date?.iso ?? null,
    [`${prefix}Precision`]: date?.precision ?? null,
    [`${prefix}Earliest`]: date?.earliest ?? null,
    [`${prefix}Latest`]: date?.latest ?? null,
  };
}

/** Reads the partial date stored under `prefix` (plain values, as the loaders return them), or null. */
export function partialDateFrom(props: Record<string, unknown>, prefix: string): PartialDate | null {
  const iso = props[`${prefix}Iso`];
  if (typeof iso !== 'string') return null;
  return {
    iso,
    precision: props[`${prefix}Precision`] as DatePrecision,
    earliest: String(props[`${prefix}Earliest`]),
    latest: String(props[`${prefix}Latest`]),
  };
}

/**
 * Refuses an end wholly before its start (they may overlap: "2015" to "2015-06" is fine), with
 * BAD_USER_INPUT naming both: `until "2015" is before since "2016"`. Every pair of partial dates (an
 * event's start/end, a link's since/until, a filter's from/to) is checked here.
 */
export function checkDateOrder(
  start: PartialDate | null,
  end: PartialDate | null,
  [startName, endName]: readonly [string, string],
): void {
  if (start && end && end.latest < start.earliest) {
    throw badInput(`${endName} "${end.iso}" is before ${startName} "${start.iso}"`, { argument: endName });
  }
}

/** Parses a pair of partial dates (either may be missing) named `names`, and checks their order. */
export function parseDateRange(
  start: string | null | undefined,
  end: string | null | undefined,
  names: readonly [string, string],
): { start: PartialDate | null; end: PartialDate | null } {
  const range = {
    start: start == null ? null : parsePartialDate(start, names[0]),
    end: end == null ? null : parsePartialDate(end, names[1]),
  };
  checkDateOrder(range.start, range.end, names);
  return range;
}

/** `from`/`to` of a period filter as the first and last ISO day they can mean (open ends null). */
export function periodOf(from: string | null | undefined, to: string | null | undefined) {
  const { start, end } = parseDateRange(from, to, ['from', 'to']);
  return { from: start?.earliest ?? null, to: end?.latest ?? null };
}
