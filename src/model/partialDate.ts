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
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Parses "1990s" (decade), "1990", "1990-01" or "1990-01-20"; throws BAD_USER_INPUT naming the argument
 * for anything else, including impossible dates such as "1990-13" or "2015-02-30".
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
  const year = Number(match[1]);
  if (match[2]) {
    if (year % 10 !== 0) throw invalid();
    return { iso: `${year}s`, precision: 'DECADE', earliest: `${year}-01-01`, latest: `${year + 9}-12-31` };
  }
  if (match[3] === undefined) {
    return { iso: `${year}`, precision: 'YEAR', earliest: `${year}-01-01`, latest: `${year}-12-31` };
  }
  const month = Number(match[3]);
  if (month < 1 || month > 12) throw invalid();
  const ym = `${year}-${pad(month)}`;
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

/** `from`/`to` of a period filter as the first and last ISO day they can mean (open ends null). */
export function periodOf(from: string | null | undefined, to: string | null | undefined) {
  const start = from == null ? null : parsePartialDate(from, 'from');
  const end = to == null ? null : parsePartialDate(to, 'to');
  if (start && end && end.latest < start.earliest) throw badInput('to is before from', { argument: 'to' });
  return { from: start?.earliest ?? null, to: end?.latest ?? null };
}
