/**
 * Stage 2, statements: attributed speech, found by sieves applied in order of precision.
 *
 * Direct quotes (quotes.ts) are attributed by the speech verb after them (`“…,” X said` / `said X` /
 * `“…,” X, secretary-general of Y, said`), else before them (`X said: “…”`), else continue the previous
 * speaker; a quotation over several paragraphs gives one statement per paragraph, all with its
 * attribution. Reported speech comes from sentences outside quotation marks (and, for relayed speech,
 * inside them): `according to X, …` / `…, according to X` / `…, according to the company, X`, `X said (on
 * Tuesday) that …`, `X told Y (that) …` (Y addressed), `…, saying that …` (the sentence's subject), `X said
 * the …` (no "that": a clause with a verb must follow), `…, X said (in a statement on Monday).` after a
 * clause, `a body declared X` (an OFFICIAL_ADDRESS, as is `X issued an address …`; X then speaks through "the
 * statement"), and, only when asked, stances (`X condemned …`). Passives ("is accused of") name no
 * speaker. Speaker phrases are resolved by speakers.ts, in text order so pronouns find what came before.
 * A statement whose evidence holds another statement's attribution relays it (`reports`). `about` is
 * every entity mentioned inside the evidence but the speaker; the date comes from dates.ts.
 */
import { type DateRule, statementDate } from './dates.js';
import { DOCUMENT_NOUNS, ISSUE_VERBS, SPEECH_VERBS, STANCE_VERBS, TELL_VERBS } from './lexicon.js';
import type { Pending } from './mentions.js';
import type { Ner } from './ner.js';
import { maskQuotations, type Quotation, wordCount } from './quotes.js';
import { affiliations, type Speaker, Speakers } from './speakers.js';
import type { EntityTable } from './table.js';
import { overlaps, sentences, trimSpan, type Word, within, words } from './text.js';
import type { ProposedStatement, Span } from './types.js';

export interface StatementsInput {
  text: string;
  published: string | null;
  table: EntityTable;
  pending: readonly Pending[];
  quotes: readonly Quotation[];
  ner: Ner;
  dateRule?: DateRule;
  /** Also report stances ("X condemned …") as low-confidence paraphrases: off by default, as speech acts without content. */
  stance?: boolean;
}

/** How a proposal names its speaker before resolution. */
type Who =
  | { type: 'phrase'; span: Span }
  | { type: 'subject'; sentence: Span; inQuote: boolean }
  | { type: 'continued' };

interface Raw {
  key: string;
  kind: ProposedStatement['kind'];
  evidence: Span;
  /** The sentence outside the evidence: where its date and attribution are. */
  attribution: Span[];
  who: Who;
  verb: string | null;
  /** Where the attribution is (antecedents are looked for before it). */
  at: number;
  addressee: Span | null;
  method: string;
  confidence: number;
  /** Sieve order: the lower wins when two find the same words. */
  priority: number;
  /** Whether the speaker issued a document ("the statement" then speaks for it). */
  issues: boolean;
}

/** Speech verbs that introduce a clause without "that" ("X said the talks failed"). */
const BARE_VERBS = new Set([
  'say',
  'warn',
  'insist',
  'argue',
  'claim',
  'said',
  'says',
  'added',
  'adds',
  'warned',
  'insisted',
  'argued',
  'claimed',
  'stated',
  'noted',
  'explained',
  'announced',
  'confirmed',
  'acknowledged',
  'admitted',
  'predicted',
  'suggested',
  'stressed',
  'reiterated',
  'maintained',
  'wrote',
  'saying',
  'adding',
  'insisting',
  'warning',
  'arguing',
  'claiming',
  'noting',
  'stressing',
]);

/** Adverbials between a speech verb and its clause or object: "on Tuesday", "in a statement". */
const ADVERBIAL =
  /^(?:,?\s+(?:(?:on|last|this|late|early)\s+(?:\p{Lu}\p{L}+|week|month|year)(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|tonight|earlier|later|also|again|repeatedly|publicly|privately|separately|in\s+(?:a|an|its|his|her|their)\s+(?:[\p{L}-]+\s+){0,2}(?:statement|interview|speech|post|letter|message|address|briefing|report|communique)|at\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,2}(?:conference|briefing|meeting|rally|summit|event|session)|on\s+(?:Twitter|Facebook|Telegram|television|TV|radio|X|social media)))+/u;

/** Words a clause can open with, after a bare speech verb. */
const CLAUSE_OPENER =
  /^\s+(?:the|a|an|it|he|she|they|we|i|there|this|these|those|his|her|their|its|our|no|all|some|such|any|every|[\p{Lu}\d])/u;

const AUXILIARIES =
  /(?:\s+(?:has|have|had|is|was|were|will|would|also|then|later|again|previously|reportedly|separately|further|repeatedly|recently|publicly|once|earlier|yesterday|today|formally|officially|unanimously|jointly|privately|(?:on|last|this)\s+\p{Lu}\p{L}+))+\s*$/u;

/** A dateline opening a story: "PORT ARLEN — ", "GENEVA, March 12 (Reuters) - ". */
const DATELINE =
  /^\p{Lu}[\p{Lu} .'’-]+(?:,[^—–\n]{0,40})?\s*[—–]\s*|^\p{Lu}[\p{Lu} .'’]+(?:,[^\n]{0,40})?\s+-\s+/u;

/** Words that end the stretch between a speech verb and its "that": the "that" then belongs elsewhere. */
const CLAUSE_BREAKS = new Set([
  'that',
  'but',
  'and',
  'or',
  'because',
  'if',
  'when',
  'while',
  'although',
  'as',
  'so',
]);

/** Verbs by which a body declares something (an OFFICIAL_ADDRESS when the speaker is an organisation). */
const DECLARE_VERBS = new Set(['declared', 'declares', 'proclaimed', 'proclaims']);

const isLower = (w: Word) => w.text === w.text.toLowerCase();

/** Speech verbs that are verbs whatever compromise says (others, such as "state" or "notes", must be tagged so). */
const UNAMBIGUOUS_VERBS = new Set(
  'said says told tells added announced stated warned claimed denied insisted argued wrote noted explained confirmed stressed declared asserted acknowledged admitted replied suggested reiterated vowed pledged revealed alleged urged reported saying adding telling insisting warning'.split(
    ' ',
  ),
);

export function findStatements(input: StatementsInput): ProposedStatement[] {
  const { text, published, table, pending, quotes, ner } = input;
  const masked = maskQuotations(text, quotes);
  const outer = sentences(text, 0, text.length, masked);
  const raws: Raw[] = [];
  let counter = 0;
  const push = (raw: Omit<Raw, 'key'>) => raws.push({ ...raw, key: `r${++counter}` });
  const sentenceAt = (pos: number): Span =>
    outer.find((s) => s.start <= pos && pos < s.end) ?? { start: pos, end: pos };
  const quoted = (span: Span) =>
    quotes.some((q) =>
      q.parts.some(
        (p) =>
          overlaps(p, span) &&
          Math.min(p.end, span.end) - Math.max(p.start, span.start) >= (span.end - span.start) / 2,
      ),
    );
  const outside = (sentence: Span, inside: Span): Span[] =>
    [
      { start: sentence.start, end: Math.min(sentence.end, inside.start) },
      { start: Math.max(sentence.start, inside.end), end: sentence.end },
    ].filter((r) => r.end > r.start);
  const usedVerbs = new Set<number>();

  /** The speaker phrase before a verb: back to the clause boundary, auxiliaries and adverbs off. */
  const phraseBefore = (src: string, sentence: Span, at: number): Who => {
    const inQuote = src === text && masked !== text;
    const region = src.slice(sentence.start, at);
    const segments = region.split(/([,;:()[\]“”"—–])/);
    let offset = region.length;
    const pieces: { start: number; text: string }[] = [];
    for (let i = segments.length - 1; i >= 0; i--) {
      const seg = segments[i] as string;
      offset -= seg.length;
      if (i % 2 === 0) pieces.unshift({ start: sentence.start + offset, text: seg });
    }
    let last = pieces[pieces.length - 1];
    // "X, the spokesman, (had) said": the name before the apposition ("the owner, Lidia Moreau, had told": the name in it).
    const bare = last !== undefined && last.text.replace(AUXILIARIES, '').trim() === '';
    if (last && bare && /,\s*$/.test(src.slice(sentence.start, last.start)) && pieces.length >= 3) {
      const name = pieces[pieces.length - 3];
      const apposition = pieces[pieces.length - 2];
      if (name && apposition && /^\s*(?:\p{Ll}|\d)/u.test(apposition.text)) last = name;
      else last = apposition;
      // "X, chairman of Y, the union that …, told": appositions can stack; the name heads the chain.
      for (let i = pieces.indexOf(last as (typeof pieces)[number]) - 1; i >= 0; i--) {
        const piece = pieces[i] as (typeof pieces)[number];
        if (!last || !/^\s*(?:\p{Ll}|\d)/u.test(last.text) || !/^\s*\p{Lu}/u.test(piece.text)) break;
        last = piece;
      }
    }
    if (!last) return { type: 'subject', sentence, inQuote };
    const stripped = last.text.replace(AUXILIARIES, '');
    if (/^\s*(?:(?:and|but|then|also|so)\s*)*$/i.test(stripped) || /\b(?:and|but)\s*$/i.test(stripped)) {
      return { type: 'subject', sentence, inQuote };
    }
    return { type: 'phrase', span: { start: last.start, end: last.start + stripped.length } };
  };

  /**
   * Whether the words after a bare speech verb make a clause: they open like one ("the", "it", a name, or
   * a noun) and hold a finite verb soon ("said the talks failed", not "said goodbye to them").
   */
  const opensClause = (src: string, from: number, to: number): boolean => {
    const ws = words(src, from, to).slice(0, 10);
    const first = ws[0];
    if (!first) return false;
    const tags = (w: Word) => ner.tags.get(w.start);
    // A noun opens a clause, also as the first of two ("field trials had …", whatever tag "field" gets).
    const noun = (w: Word | undefined) => w !== undefined && isLower(w) && tags(w)?.has('Noun') === true;
    const opener = CLAUSE_OPENER.test(src.slice(from, to)) || noun(first) || (isLower(first) && noun(ws[1]));
    if (!opener || tags(first)?.has('Preposition') || tags(first)?.has('Adverb')) return false;
    return ws.slice(1).some((w, i) => {
      const t = tags(w);
      // "the ruling misread the law": a past tense spelt as the base form, right after its subject noun.
      const afterNoun = t?.has('Infinitive') === true && i > 0 && noun(ws[i]);
      return (
        (isLower(w) && t?.has('Verb') === true && !t.has('Gerund') && (!t.has('Infinitive') || afterNoun)) ||
        (t?.has('Modal') ?? false) ||
        (t?.has('Copula') ?? false)
      );
    });
  };

  /** The subject of a sentence: the phrase before its first finite verb outside names. */
  const subjectPhrase = (src: string, sentence: Span): Span | null => {
    for (const w of words(src, sentence.start, sentence.end)) {
      const tags = ner.tags.get(w.start);
      if (!tags?.has('Verb') || tags.has('Gerund') || !isLower(w)) continue;
      if (table.mentions.some((m) => m.start <= w.start && w.end <= m.end)) continue;
      const who = phraseBefore(src, sentence, w.start);
      return who.type === 'phrase' ? who.span : null;
    }
    return null;
  };

  // Sieve 1: direct quotes.
  for (const q of quotes) {
    const n = wordCount(text, q);
    const lastPart = q.parts[q.parts.length - 1] as Span;
    const afterSentence = sentenceAt(Math.max(q.open, q.close - 1));
    const beforeSentence = sentenceAt(q.open);
    const startsSentence = masked.slice(beforeSentence.start, q.open).trim() === '';
    let who: Who | null = null;
    let verb: string | null = null;
    let at = q.close;
    let addressee: Span | null = null;
    let method = 'continued';
    let confidence = 0.6;
    // Speaker after: “…,” X said / said X / according to X.
    const nextOpen = quotes.find((o) => o.open >= q.close)?.open ?? text.length;
    const afterEnd = Math.min(afterSentence.end, nextOpen);
    const ended =
      /[,?!—–-]\s*$/.test(text.slice(lastPart.end, q.close - (q.closed ? 1 : 0))) ||
      /^\s*,/.test(text.slice(q.close, q.close + 3));
    const after = words(masked, q.close, afterEnd).slice(0, 18);
    // “…,” X, secretary-general of Y, said: the apposition may push the verb further off.
    const apposed = (i: number) =>
      /^\s*,?\s*\p{Lu}[^,.;!?]*,[^,.;!?]+,\s*$/u.test(masked.slice(q.close, (after[i] as Word).start));
    const v = after.findIndex((w, i) => (i < 8 || apposed(i)) && isLower(w) && SPEECH_VERBS.has(w.text));
    const according = after[0]?.text.toLowerCase() === 'according' && after[1]?.text === 'to';
    if (q.closed && ended && (v >= 0 || according)) {
      const w = after[v] as Word;
      if (according) {
        const end = phraseEnd(masked, (after[1] as Word).end, afterEnd);
        who = { type: 'phrase', span: { start: (after[1] as Word).end, end } };
        method = 'quote:according-to';
        confidence = 0.85;
        at = (after[0] as Word).start;
      } else if (v === 0) {
        const end = phraseEnd(masked, w.end, afterEnd);
        who = { type: 'phrase', span: { start: w.end, end } };
        method = 'quote:said-after';
        confidence = 0.9;
        verb = w.text;
        at = w.start;
      } else {
        const between = masked.slice(q.close, w.start);
        if (!/[.;!?]/.test(between)) {
          const name = apposed(v) ? /^\s*,?\s*[^,]+/.exec(between) : null;
          who = {
            type: 'phrase',
            span: {
              start: q.close,
              end: name
                ? q.close + name[0].length
                : w.start - (between.length - between.replace(AUXILIARIES, '').length),
            },
          };
          method = 'quote:said-after';
          confidence = 0.9;
          verb = w.text;
          at = w.start;
          if (TELL_VERBS.has(w.text)) addressee = { start: w.end, end: phraseEnd(masked, w.end, afterEnd) };
        }
      }
      if (who) usedVerbs.add(at);
    }
    // Speaker before: X said: “…” / X told reporters, “…”.
    if (!who) {
      const prevClose = [...quotes].reverse().find((o) => o.close <= q.open)?.close ?? 0;
      const regionStart = Math.max(beforeSentence.start, prevClose);
      const region = masked.slice(regionStart, q.open);
      if (
        /[:,]\s*$/.test(region) ||
        /\b(?:said|says|added|wrote|declared|stated|announced)\s*$/.test(region)
      ) {
        const before = words(masked, regionStart, q.open);
        for (let i = before.length - 1; i >= 0 && i >= before.length - 7; i--) {
          const w = before[i] as Word;
          if (!isLower(w) || !SPEECH_VERBS.has(w.text)) continue;
          who = phraseBefore(masked, { start: regionStart, end: q.open }, w.start);
          if (who.type === 'subject') who = { type: 'subject', sentence: beforeSentence, inQuote: false };
          method = 'quote:said-before';
          confidence = 0.85;
          verb = w.text;
          at = w.start;
          if (TELL_VERBS.has(w.text)) addressee = { start: w.end, end: q.open };
          usedVerbs.add(w.start);
          break;
        }
      }
    }
    // A few quoted words inside a sentence are a term or a scare quote, not a statement.
    if (n < 4 && !startsSentence) continue;
    if (!who && n < 4) continue;
    const resolved = who ?? { type: 'continued' as const };
    q.parts.forEach((part, i) => {
      push({
        kind: 'DIRECT_QUOTE',
        evidence: part,
        attribution: [
          ...outside(beforeSentence, { start: q.open, end: q.close }),
          ...outside(afterSentence, { start: q.open, end: q.close }),
        ],
        who: resolved,
        verb,
        at: resolved.type === 'continued' ? q.open : at,
        addressee,
        method,
        confidence: confidence * (q.parts.length > 1 && i < q.parts.length - 1 ? 0.95 : 1),
        priority: 1,
        issues: false,
      });
    });
  }

  // Sieves 2…: reported speech, in outer sentences and (relayed) inside quotations.
  /** Whether a word is a speech verb here: lower-case, and a verb to compromise if it could be a noun. */
  const speechVerb = (w: Word, loose = false) =>
    isLower(w) &&
    SPEECH_VERBS.has(w.text) &&
    (loose || UNAMBIGUOUS_VERBS.has(w.text) || ner.tags.get(w.start)?.has('Verb') === true);

  /**
   * A sentence's closing attribution, "…, X said." / "…, said X." / "…, X reports.": the verb, the comma
   * before it and the speaker phrase; null when the sentence does not end so.
   */
  const tailOf = (src: string, sentence: Span, ws: Word[]) => {
    for (let i = ws.length - 1; i >= 0 && i >= ws.length - 10; i--) {
      const w = ws[i] as Word;
      if (!speechVerb(w, true) || w.text.endsWith('ing')) continue;
      const lead = src.slice(sentence.start, w.start);
      const comma = lead.lastIndexOf(',');
      if (comma <= 0) return null;
      const inversion = lead.slice(comma + 1).trim() === '';
      const end = phraseEnd(src, w.end, sentence.end);
      const trailing = src.slice(end, sentence.end).trim();
      // "…, the fund said in a statement on Monday.": adverbials after the verb are not a speaker.
      const adverbial = inversion ? '' : (ADVERBIAL.exec(src.slice(w.end, end))?.[0] ?? '');
      const after = words(src, w.end + adverbial.length, end).length;
      const before = words(src, sentence.start + comma, w.start).length;
      if (!/^[.!?]?$/.test(trailing) || before > 8 || (inversion ? after === 0 || after > 6 : after > 3))
        return null;
      // "…, said the spokesman." names someone after the verb; "…, said in a statement that …" does not.
      if (inversion && !/^\s+(?:the|a|an|\p{Lu})/u.test(src.slice(w.end, end))) return null;
      if (inversion && words(src, w.end, end).some((x) => isLower(x) && ner.tags.get(x.start)?.has('Verb')))
        return null;
      if (/\bthat\b/.test(src.slice(w.end, end))) return null;
      if (!inversion && !speechVerb(w) && after > 0) return null;
      return {
        verb: w,
        comma: sentence.start + comma,
        phrase: inversion ? { start: w.end, end } : { start: sentence.start + comma + 1, end: w.start },
      };
    }
    return null;
  };

  const reported = (src: string, sentence: Span, inQuote: boolean) => {
    const ws = words(src, sentence.start, sentence.end);
    const sentenceText = src.slice(sentence.start, sentence.end);
    const tail = inQuote ? null : tailOf(src, sentence, ws);
    /** Where the sentence's own words start: after a dateline ("PORT ARLEN — "). */
    const clauseStart = sentence.start + (DATELINE.exec(sentenceText)?.[0].length ?? 0);
    /** Where a clause starting at `from` ends: before the closing attribution, else with the sentence. */
    const bound = (from: number) => (tail && from < tail.comma ? tail.comma : sentence.end);
    /** The clause ends before a second speech verb of the same speaker: "say X but warn that Y". */
    const coordinated = (source: string, from: number, to: number) => {
      const re =
        /,?\s+(?:but|and)\s+(?:(?:he|she|they|it|we)\s+)?(?:also\s+)?(\p{Ll}+)\b|,\s+(\p{Ll}+ing)\b/gu;
      re.lastIndex = from;
      for (let m = re.exec(source); m !== null && m.index < to; m = re.exec(source)) {
        if (SPEECH_VERBS.has(m[1] ?? m[2] ?? '')) return m.index;
      }
      return to;
    };
    const add = (
      raw: Omit<Raw, 'key' | 'issues' | 'addressee'> & { addressee?: Span | null; issues?: boolean },
    ) => push({ addressee: null, issues: false, ...raw });
    // according to X, …  /  …, according to X.
    if (!inQuote) {
      const lead = /^(?:[\p{L}]+,\s+)?[Aa]ccording to\s+/u.exec(sentenceText);
      const comma = lead ? src.indexOf(',', sentence.start + lead[0].length) : -1;
      if (lead && comma > 0 && comma < sentence.end) {
        const evidence = trimSpan(text, comma + 1, sentence.end, false);
        if (evidence && !quoted(evidence)) {
          add({
            kind: 'PARAPHRASE',
            evidence,
            attribution: [{ start: sentence.start, end: comma }],
            who: { type: 'phrase', span: { start: sentence.start + lead[0].length, end: comma } },
            verb: null,
            at: sentence.start,
            method: 'according-to',
            confidence: 0.85,
            priority: 2,
          });
        }
      }
      // "…, according to X" after the clause (mid-sentence too: "…, according to X, and …").
      // "according to the water company, Aqua Dunmere": the name in apposition is the speaker.
      const final = /,\s+according to\s+(?:[^,;:.!?]+,\s+(?=\p{Lu}[^,;:!?]*[.!?]?\s*$))?([^,;:.!?]+)/u.exec(
        sentenceText,
      );
      if (final && !lead) {
        const at = sentence.start + final.index;
        const evidence = trimSpan(text, clauseStart, at, false);
        if (evidence && !quoted(evidence)) {
          const phraseStart = at + final[0].length - (final[1]?.length ?? 0);
          add({
            kind: 'PARAPHRASE',
            evidence,
            attribution: [{ start: at, end: phraseStart + (final[1]?.length ?? 0) }],
            who: { type: 'phrase', span: { start: phraseStart, end: phraseStart + (final[1]?.length ?? 0) } },
            verb: null,
            at,
            method: 'according-to',
            confidence: 0.85,
            priority: 2,
          });
        }
      }
    }
    // …, X said.  (the clause before a closing attribution)
    if (tail) {
      usedVerbs.add(tail.verb.start);
      const evidence = trimSpan(text, clauseStart, tail.comma, false);
      if (evidence && !quoted(evidence) && words(text, evidence.start, evidence.end).length >= 4) {
        add({
          kind: 'PARAPHRASE',
          evidence,
          attribution: [{ start: tail.comma, end: sentence.end }],
          who: { type: 'phrase', span: tail.phrase },
          verb: tail.verb.text,
          at: tail.verb.start,
          method: 'paraphrase:clause-said',
          confidence: 0.75,
          priority: 3,
        });
      }
    }
    for (const w of ws) {
      if (!isLower(w) || usedVerbs.has(w.start)) continue;
      const speech = speechVerb(w);
      const stance = input.stance === true && STANCE_VERBS.has(w.text) && !w.text.endsWith('ing');
      const issue = ISSUE_VERBS.has(w.text);
      if (!speech && !stance && !issue) continue;
      // "is accused of", "was told": a passive names no speaker.
      if (
        /\b(?:is|are|was|were|be|been|being)\s+$/i.test(
          src.slice(Math.max(sentence.start, w.start - 8), w.start),
        )
      )
        continue;
      const rest = src.slice(w.end, sentence.end);
      const participle = w.text.endsWith('ing');
      const who: Who = participle
        ? { type: 'subject', sentence, inQuote }
        : phraseBefore(src, sentence, w.start);
      // X issued an address / a statement …: an official address.
      if (issue) {
        const doc =
          /^\s+(?:(?:an?|its|the|their|his|her|open|official|joint|special|formal)\s+){0,3}([\p{L}-]+)/u.exec(
            rest,
          );
        if (!inQuote && doc?.[1] && DOCUMENT_NOUNS.has(doc[1].toLowerCase()) && who.type === 'phrase') {
          const evidence = trimSpan(text, who.span.start, bound(w.end), false);
          if (evidence) {
            add({
              kind: 'OFFICIAL_ADDRESS',
              evidence,
              attribution: [],
              who,
              verb: w.text,
              at: w.start,
              method: 'issued-document',
              confidence: 0.7,
              priority: 3,
              issues: true,
            });
          }
        }
        continue;
      }
      // X said (on Tuesday) that … / X told Y that … / …, saying that …
      const skipped = ADVERBIAL.exec(rest)?.[0] ?? '';
      const afterAdverbial = rest.slice(skipped.length);
      const that = /^((?:\s+[^\s,.;:!?“”"]+){0,6}?)\s+that\b/u.exec(afterAdverbial);
      // A body declared X (a project of city-wide importance, an outbreak): an official address.
      if (
        DECLARE_VERBS.has(w.text) &&
        !that &&
        !inQuote &&
        who.type === 'phrase' &&
        /^\s+\p{Ll}/u.test(afterAdverbial)
      ) {
        const from = w.end + skipped.length;
        const comma = src.slice(from, bound(from)).search(/[,;]/);
        const end = comma >= 0 ? from + comma : bound(from);
        const when = /\s+(?:(?:on|last|this)\s+\p{Lu}\p{L}+|yesterday|today)\s*$/u.exec(
          text.slice(from, end),
        );
        const evidence = trimSpan(text, from, when ? from + when.index : end, false);
        if (evidence && !quoted(evidence)) {
          add({
            kind: 'OFFICIAL_ADDRESS',
            evidence,
            attribution: [
              { start: sentence.start, end: from },
              { start: evidence.end, end: sentence.end },
            ],
            who,
            verb: w.text,
            at: w.start,
            method: 'declared',
            confidence: 0.65,
            priority: 3,
            issues: true,
          });
          continue;
        }
      }
      const between = (that?.[1] ?? '').toLowerCase().match(/\p{L}+/gu) ?? [];
      if (speech && that && !between.some((x) => SPEECH_VERBS.has(x) || CLAUSE_BREAKS.has(x))) {
        const thatEnd = w.end + skipped.length + that[0].length;
        const evidence = trimSpan(text, thatEnd, bound(thatEnd), false);
        if (evidence && (inQuote || !quoted(evidence))) {
          const tell = TELL_VERBS.has(w.text);
          add({
            kind: 'PARAPHRASE',
            evidence,
            attribution: [{ start: sentence.start, end: thatEnd }],
            who,
            verb: w.text,
            at: w.start,
            addressee: tell && that[1] ? { start: w.end + skipped.length, end: thatEnd - 4 } : null,
            method: participle
              ? 'paraphrase:saying-that'
              : tell
                ? 'paraphrase:told-that'
                : 'paraphrase:said-that',
            confidence: participle ? 0.7 : 0.8,
            priority: 2,
          });
          continue;
        }
      }
      if (inQuote) continue;
      // X said the … (no "that").
      if (
        speech &&
        BARE_VERBS.has(w.text) &&
        !/^\s*[“"‘:]/.test(afterAdverbial) &&
        opensClause(src, w.end + skipped.length, bound(w.end))
      ) {
        const from = w.end + skipped.length;
        const evidence = trimSpan(text, from, coordinated(src, from, bound(from)), false);
        // Four words at least, or three after a subject pronoun ("said it would appeal").
        const least = /^\s+(?:it|he|she|they|we|i)\s/i.test(src.slice(from, from + 6)) ? 3 : 4;
        if (evidence && !quoted(evidence) && words(text, evidence.start, evidence.end).length >= least) {
          add({
            kind: 'PARAPHRASE',
            evidence,
            attribution: [{ start: sentence.start, end: evidence.start }],
            who,
            verb: w.text,
            at: w.start,
            method: participle ? 'paraphrase:saying' : 'paraphrase:said',
            confidence: 0.6,
            priority: 4,
          });
          continue;
        }
      }
      // X condemned … (a stance, reported without its words).
      if (stance && who.type !== 'subject') {
        const evidence = trimSpan(text, w.start, bound(w.start), false);
        if (evidence && !quoted(evidence)) {
          add({
            kind: 'PARAPHRASE',
            evidence,
            attribution: [{ start: sentence.start, end: w.start }],
            who,
            verb: w.text,
            at: w.start,
            method: 'paraphrase:stance',
            confidence: 0.45,
            priority: 5,
          });
        }
      }
    }
  };
  for (const sentence of outer) reported(masked, sentence, false);
  for (const q of quotes)
    for (const part of q.parts)
      for (const s of sentences(text, part.start, part.end)) reported(text, s, true);

  // One proposal per set of words: the more precise sieve wins; quotations over paraphrases.
  raws.sort((a, b) => a.priority - b.priority || a.evidence.start - b.evidence.start);
  const kept: Raw[] = [];
  for (const raw of raws) {
    const clash = kept.some((k) => {
      // A statement inside another's words (relayed speech) is its own statement.
      if (
        (raw.at >= k.evidence.start && raw.at < k.evidence.end) ||
        (k.at >= raw.evidence.start && k.at < raw.evidence.end)
      ) {
        return false;
      }
      const shared =
        Math.min(k.evidence.end, raw.evidence.end) - Math.max(k.evidence.start, raw.evidence.start);
      const shorter = Math.min(k.evidence.end - k.evidence.start, raw.evidence.end - raw.evidence.start);
      return shared > 0 && shared * 2 >= shorter;
    });
    if (!clash) kept.push(raw);
  }

  /** Each sentence's subject, when a name: the first person or organisation not after a preposition. */
  const subjectsOf = (spans: Span[]) =>
    spans.flatMap((sentence) => {
      const m = table
        .mentionsIn(sentence)
        .filter((x) => !quotes.some((q) => x.start > q.open && x.end < q.close))
        .find((x) => {
          const label = table.get(x.entity)?.label;
          if (label !== 'Person' && label !== 'Organisation') return false;
          const before = words(text, sentence.start, x.start).map((w) => w.text.toLowerCase());
          const prev = before.filter((w) => !['the', 'a', 'an'].includes(w)).pop();
          return (
            !prev ||
            !['of', 'for', 'at', 'in', 'to', 'with', 'from', 'by', 'on', 'about', 'against'].includes(prev)
          );
        });
      return m ? [{ at: m.start, speaker: m.entity }] : [];
    });

  // Resolution in text order, so that pronouns and documents find what came before.
  const speakers = new Speakers(text, table, pending, affiliations(text, table), ner.tags, subjectsOf(outer));
  kept.sort((a, b) => a.evidence.start - b.evidence.start || a.priority - b.priority);
  const out: ProposedStatement[] = [];
  const byKey = new Map<string, ProposedStatement>();
  const dates: { at: number; date: string | null }[] = [];
  const nested = (raw: Raw) =>
    kept.some((k) => k !== raw && raw.at >= k.evidence.start && raw.at < k.evidence.end);
  for (const raw of kept) {
    // "I told the players that …" inside a quotation: I is whoever is quoted.
    const quote = out.find(
      (o) => o.kind === 'DIRECT_QUOTE' && raw.at >= o.evidence.start && raw.at < o.evidence.end,
    );
    const speaker = resolveWho(raw, speakers, masked, text, subjectPhrase, quote?.speaker ?? null);
    if (!speaker) continue;
    if (raw.issues) speakers.issued(raw.at, speaker.id);
    // Relayed speakers are not the thread of the article: pronouns and continued quotes skip them.
    if (!nested(raw)) speakers.spoke(raw.at, speaker.id);
    const kind =
      raw.kind === 'OFFICIAL_ADDRESS' && table.get(speaker.id)?.label !== 'Organisation'
        ? 'PARAPHRASE'
        : raw.kind;
    const onBehalf = new Set(speaker.onBehalfOf);
    const sentence = sentenceAt(raw.at);
    const behalf = /\bon behalf of\s+/i.exec(text.slice(sentence.start, sentence.end));
    if (behalf) {
      const from = sentence.start + behalf.index + behalf[0].length;
      const m = table.mentionsIn({ start: from, end: from + 1 })[0];
      if (m && m.start === from) onBehalf.add(m.entity);
    }
    onBehalf.delete(speaker.id);
    const addressedTo: string[] = [];
    if (raw.addressee) {
      const object = /^\s*(him|her|them)\b/i.exec(text.slice(raw.addressee.start, raw.addressee.end));
      if (object?.[1]) {
        const id = speakers.object(object[1], raw.at, speaker.id);
        if (id) addressedTo.push(id);
      } else {
        for (const m of table.mentionsIn(raw.addressee))
          if (m.entity !== speaker.id) addressedTo.push(m.entity);
      }
    }
    const about = table
      .mentionsIn(raw.evidence)
      .filter((m) => m.start >= raw.evidence.start && m.end <= raw.evidence.end)
      .map((m) => m.entity)
      .filter((id) => id !== speaker.id && !table.get(id)?.unnamed);
    let date = statementDate(text, raw.attribution, raw.verb, published, input.dateRule);
    if (date === null && raw.who.type === 'continued') {
      date = [...dates].reverse().find((d) => d.at < raw.at)?.date ?? null;
    }
    dates.push({ at: raw.at, date });
    const statement: ProposedStatement = {
      id: raw.key,
      kind,
      text: text.slice(raw.evidence.start, raw.evidence.end),
      speaker: speaker.id,
      onBehalfOf: [...onBehalf],
      addressedTo: [...new Set(addressedTo)],
      about: [...new Set(about)],
      date,
      evidence: { start: raw.evidence.start, end: raw.evidence.end },
      reports: null,
      method:
        speaker.method === 'named' || speaker.method === raw.method
          ? raw.method
          : `${raw.method}+${speaker.method}`,
      confidence: Math.round(raw.confidence * speaker.confidence * 100) / 100,
    };
    out.push(statement);
    byKey.set(raw.key, statement);
  }
  // Relayed speech: a statement whose evidence holds another's attribution and evidence reports it.
  const rawOf = new Map(kept.map((r) => [r.key, r]));
  for (const s of out) {
    const inner = out
      .filter((o) => o !== s && within(o.evidence, s.evidence))
      .filter((o) => {
        const r = rawOf.get(o.id);
        return r !== undefined && r.at >= s.evidence.start && r.at < s.evidence.end;
      })
      .sort((a, b) => a.evidence.start - b.evidence.start)[0];
    if (inner) s.reports = inner.id;
  }
  return out;
}

/** The end of a speaker phrase that starts at `from`: the next punctuation, or `limit`. */
function phraseEnd(src: string, from: number, limit: number): number {
  const m = /[,.;:!?“”"()—–\n]/.exec(src.slice(from, limit));
  return m ? from + m.index : limit;
}

function resolveWho(
  raw: Raw,
  speakers: Speakers,
  masked: string,
  text: string,
  subjectPhrase: (src: string, sentence: Span) => Span | null,
  quoteSpeaker: string | null,
): Speaker | null {
  const who = raw.who;
  if (who.type === 'continued') return speakers.continued(raw.at);
  if (who.type === 'phrase') return speakers.resolve(who.span, raw.at, quoteSpeaker);
  const src = who.inQuote ? text : masked;
  const subject = subjectPhrase(src, who.sentence);
  if (!subject) return null;
  const found = speakers.resolve(subject, raw.at, quoteSpeaker);
  return found ? { ...found, confidence: found.confidence * 0.85 } : null;
}
