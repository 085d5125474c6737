/**
 * Stage 3, dates: date expressions of the text as partial dates (YYYY, YYYY-MM or YYYY-MM-DD, at the
 * precision the text gives), explicit ones ("March 3, 2024", "3 March 2024", "2024-03-03", "in March
 * 2024", "in 2023") and relative ones resolved against the publication date ("on Tuesday" → the latest
 * Tuesday on or before it, "yesterday", "last week" → the month of seven days before, "last month").
 * A relative day against a publication date known only to the month or year resolves to that month or
 * year. Without a publication date, only explicit dates with a year resolve.
 */
import { MONTH_ABBREVIATIONS, MONTHS, PRESENT_SPEECH_VERBS, SAY_VERBS, WEEKDAYS } from './lexicon.js';
import type { Span } from './types.js';

export interface DateMention extends Span {
  /** YYYY, YYYY-MM or YYYY-MM-DD */
  value: string;
  relative: boolean;
}

const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const WEEKDAY = '(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)';
const PREP = '(?:in|since|during|by|until|till|from|of|early|late|mid-?|before|after|through|throughout)';

/** A capture group of a match, '' when it did not take part. */
const g = (m: RegExpExecArray, i: number) => m[i] ?? '';
const pad = (n: number) => String(n).padStart(2, '0');
const monthOf = (name: string) => {
  const n = name.toLowerCase().replace(/\.$/, '').slice(0, 3);
  return MONTH_ABBREVIATIONS.indexOf(n) + 1 || MONTHS.findIndex((m) => m.startsWith(n)) + 1;
};
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const ym = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
const validDay = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** The publication date as a day (null unless YYYY-MM-DD), and as given. */
function anchor(published: string | null) {
  if (!published || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(published)) return { day: null, value: null };
  const [y, m, d] = published.split('-').map(Number);
  const day = d !== undefined && m !== undefined && y !== undefined ? new Date(Date.UTC(y, m - 1, d)) : null;
  return { day, value: published };
}

const shift = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

/** The year of a month (and day) given without one: the latest not after the publication date. */
function yearFor(published: string | null, month: number, day = 1): number | null {
  if (!published) return null;
  const [y, m = 12, d = 31] = published.split('-').map(Number) as [number, number?, number?];
  return month < m || (month === m && day <= d) ? y : y - 1;
}

type Rule = {
  re: RegExp;
  value: (m: RegExpExecArray, published: string | null) => string | null;
  relative?: boolean;
};

const RULES: Rule[] = [
  {
    re: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    value: (m) => (validDay(+g(m, 1), +g(m, 2), +g(m, 3)) ? m[0] : null),
  },
  {
    re: new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+(\\d{4})\\b`, 'g'),
    value: (m) => {
      const month = monthOf(g(m, 1));
      return validDay(+g(m, 3), month, +g(m, 2)) ? `${m[3]}-${pad(month)}-${pad(+g(m, 2))}` : null;
    },
  },
  {
    re: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?\\b`, 'g'),
    value: (m, published) => {
      const month = monthOf(g(m, 2));
      const year = m[3] ? +m[3] : yearFor(published, month, +g(m, 1));
      return year !== null && validDay(year, month, +g(m, 1))
        ? `${year}-${pad(month)}-${pad(+g(m, 1))}`
        : null;
    },
  },
  {
    re: new RegExp(`\\b${MONTH}\\s+${DAY}\\b(?!,?\\s*\\d)`, 'g'),
    value: (m, published) => {
      const month = monthOf(g(m, 1));
      const year = yearFor(published, month, +g(m, 2));
      return year !== null && validDay(year, month, +g(m, 2))
        ? `${year}-${pad(month)}-${pad(+g(m, 2))}`
        : null;
    },
  },
  {
    re: new RegExp(`\\b${MONTH},?\\s+(\\d{4})\\b`, 'g'),
    value: (m) => `${m[2]}-${pad(monthOf(g(m, 1)))}`,
  },
  {
    re: new RegExp(`\\b${PREP}\\s+${MONTH}\\b(?!\\s*,?\\s*\\d)`, 'g'),
    value: (m, published) => {
      const month = monthOf(g(m, 1));
      const year = yearFor(published, month);
      return year === null ? null : `${year}-${pad(month)}`;
    },
  },
  { re: new RegExp(`\\b${PREP}\\s+(1[0-9]{3}|20[0-9]{2})\\b(?!-|\\d)`, 'g'), value: (m) => m[1] ?? null },
  {
    re: /\b(today|tonight|this (?:morning|afternoon|evening))\b/gi,
    relative: true,
    value: (_m, published) => published,
  },
  {
    re: /\byesterday\b/gi,
    relative: true,
    value: (_m, published) => {
      const { day, value } = anchor(published);
      return day ? ymd(shift(day, -1)) : value;
    },
  },
  {
    re: new RegExp(`\\b(?:(on|last|this|past)\\s+)?${WEEKDAY}\\b`, 'g'),
    relative: true,
    value: (m, published) => {
      const { day, value } = anchor(published);
      if (!day) return value;
      const target = WEEKDAYS.indexOf(g(m, 2).toLowerCase());
      let back = (day.getUTCDay() - target + 7) % 7;
      if (back === 0 && (m[1] === 'last' || m[1] === 'past')) back = 7;
      return ymd(shift(day, -back));
    },
  },
  {
    re: /\b(last|this|earlier this|past) (week|month|year)\b/gi,
    relative: true,
    value: (m, published) => {
      const { day, value } = anchor(published);
      if (!value) return null;
      const [y = 0, mo] = value.split('-').map(Number);
      const last = m[1]?.toLowerCase() === 'last' || m[1]?.toLowerCase() === 'past';
      const unit = m[2]?.toLowerCase();
      if (unit === 'year') return String(last ? y - 1 : y);
      if (mo === undefined) return String(y);
      if (unit === 'week') return day ? ym(shift(day, last ? -7 : 0)) : value.slice(0, 7);
      if (!last) return value.slice(0, 7);
      return mo === 1 ? `${y - 1}-12` : `${y}-${pad(mo - 1)}`;
    },
  },
  {
    re: /\b(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten) (day|days|week|weeks) ago\b/gi,
    relative: true,
    value: (m, published) => {
      const { day, value } = anchor(published);
      if (!day) return value ? value.slice(0, 7) : null;
      const words = ['a', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
      const raw = g(m, 1).toLowerCase();
      const n = /\d/.test(raw) ? +raw : Math.max(1, words.indexOf(raw));
      return g(m, 2).toLowerCase().startsWith('week') ? ym(shift(day, -7 * n)) : ymd(shift(day, -n));
    },
  },
];

/** Date expressions of text[from, to), in order. */
export function findDates(text: string, published: string | null, from = 0, to = text.length): DateMention[] {
  const slice = text.slice(from, to);
  const found: DateMention[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(slice); m !== null; m = rule.re.exec(slice)) {
      const value = rule.value(m, published);
      if (value)
        found.push({
          start: from + m.index,
          end: from + m.index + m[0].length,
          value,
          relative: !!rule.relative,
        });
    }
  }
  // Where two overlap, the more precise wins ("of Jan. 20" is a day, not "of Jan."), then the longer.
  found.sort(
    (a, b) => b.value.length - a.value.length || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const out: DateMention[] = [];
  for (const d of found) if (!out.some((o) => o.start < d.end && d.start < o.end)) out.push(d);
  return out.sort((a, b) => a.start - b.start);
}

/** When a statement without a date of its own is taken to have been made. */
export interface DateRule {
  /** Attribution verbs that date a statement to the publication day when nothing in its attribution dates it. */
  verbs: ReadonlySet<string>;
}

/**
 * The default: the present tense ("analysts say", "farmers say") is what they say on the day of the
 * report; a past "said" with no time expression is left undated (the report does not say when: that day,
 * the day before, last week). This is how the labelled test set is annotated.
 */
export const DEFAULT_DATE_RULE: DateRule = { verbs: PRESENT_SPEECH_VERBS };

/** The alternative: every "said"/"says" in a news report is taken as said on its publication day. */
export const SAID_ON_PUBLICATION_DAY: DateRule = { verbs: SAY_VERBS };

/**
 * A statement's date: the first date expression of its attribution (the sentence outside the quoted or
 * reported words: `regions`), else the publication date (at its precision) when the attribution verb is
 * one of `rule.verbs`, else null. Dates inside the reported words are what was talked about, not when.
 */
export function statementDate(
  text: string,
  regions: readonly Span[],
  verb: string | null,
  published: string | null,
  rule: DateRule = DEFAULT_DATE_RULE,
): string | null {
  for (const region of regions) {
    const date = findDates(text, published, region.start, region.end)[0];
    if (date) return date.value;
  }
  if (published && verb && rule.verbs.has(verb.toLowerCase())) return published;
  return null;
}
