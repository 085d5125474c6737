/**
 * Measures an extraction against a gold dataset of one article (the format of seed/article.json; only the
 * fields read here are typed, src/seed stays out of this layer):
 *   entities   a predicted entity is right when it links to a key the gold lists, or, new, when one of
 *              its mentions overlaps a gold mention of a gold entity (one the lookup did not know, when
 *              `known` is given). Gold mentions are the gold's own `mentions` if it has them, else every
 *              occurrence in the text of the entity's name or aliases (case- and accent-insensitive, whole
 *              words); a gold entity with no mention in the text cannot be found and counts for nothing.
 *   statements a predicted evidence matches a gold evidence when they overlap by at least half of the
 *              shorter (segmentation differs: one quotation, two gold statements). A gold statement is
 *              recalled when some prediction matches it; a prediction is right when it matches some gold.
 *   speakers   as statements, and the speaker agrees: the same known key, the same new entity (a mention
 *              overlapping the gold speaker's), or both unnamed with the same organisation.
 * Speakers are split by kind: DIRECT_QUOTE, and the rest (reported: PARAPHRASE, OFFICIAL_ADDRESS), by the
 * prediction's kind for precision and the gold's for recall. Gold statements of other kinds (reader
 * comments) are left out. `evidenceMismatches` counts predicted spans that do not cut what they claim
 * (out of range, untrimmed, or a quote's text not its excerpt): it must be 0.
 */
import { normalise, overlaps } from './text.js';
import type { Extraction, ProposedEntity, ProposedStatement, Span } from './types.js';

export interface GoldEntity {
  key: string;
  name: string;
  aliases?: string[];
  /** Optional marker of an unnamed speaker ("a ministry spokesman"), with its organisation's key. */
  unnamed?: boolean | { organisation?: string | null };
  description?: string;
}

export type GoldEvidence =
  | { source?: string; quote: string }
  | { source?: string; start: number; end: number; excerpt: string };

export interface GoldStatement {
  name?: string;
  kind: string;
  text?: string;
  speaker: string;
  onBehalfOf?: string[];
  addressedTo?: string[];
  about?: string[];
  date?: string;
  evidence: GoldEvidence[];
  reports?: string;
}

/** The part of a dataset file the evaluation reads. */
export interface Gold {
  sources?: { key: string; published?: string; text?: string; textFile?: string }[];
  places?: GoldEntity[];
  organisations?: GoldEntity[];
  people?: GoldEntity[];
  events?: GoldEntity[];
  /** MENTIONS links (source → entity) give the gold mentions; AFFILIATED_WITH an unnamed speaker's organisation. */
  links?: { from: string; to: string; type: string; evidence?: GoldEvidence[] }[];
  statements?: GoldStatement[];
  /** Optional explicit mentions; otherwise derived from names and aliases. */
  mentions?: { entity: string; start: number; end: number }[];
}

/** Precision counts right predictions; recall counts found gold items. */
export interface Score {
  predicted: number;
  right: number;
  gold: number;
  found: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvaluationReport {
  entities: Score;
  /** Mention by mention: a predicted mention is right when it overlaps a gold mention of the entity it names. */
  mentions: Score;
  statements: Score;
  speakers: { all: Score; direct: Score; reported: Score };
  evidenceMismatches: number;
  /** Gold evidence that does not cut the text (a quote not found, offsets not cutting their excerpt). */
  goldProblems: string[];
  /** What went wrong, for reading. */
  misses: {
    entities: { wrong: string[]; missed: string[] };
    statements: { wrong: string[]; missed: string[]; misattributed: string[] };
  };
}

export interface EvaluateOptions {
  /** The article's text; defaults to the gold's first source `text`. */
  text?: string;
  /** Keys the lookup knew: a new predicted entity may only match a gold entity outside them. */
  known?: Iterable<string>;
}

const KINDS = new Set(['DIRECT_QUOTE', 'PARAPHRASE', 'OFFICIAL_ADDRESS']);

export function score(predicted: number, right: number, gold: number, found: number): Score {
  const precision = predicted === 0 ? (gold === 0 ? 1 : 0) : right / predicted;
  const recall = gold === 0 ? 1 : found / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { predicted, right, gold, found, precision, recall, f1 };
}

/** Sums several reports' counts (micro-average). */
export function combine(reports: readonly EvaluationReport[]): EvaluationReport {
  const sum = (pick: (r: EvaluationReport) => Score) =>
    score(
      reports.reduce((n, r) => n + pick(r).predicted, 0),
      reports.reduce((n, r) => n + pick(r).right, 0),
      reports.reduce((n, r) => n + pick(r).gold, 0),
      reports.reduce((n, r) => n + pick(r).found, 0),
    );
  return {
    entities: sum((r) => r.entities),
    mentions: sum((r) => r.mentions),
    statements: sum((r) => r.statements),
    speakers: {
      all: sum((r) => r.speakers.all),
      direct: sum((r) => r.speakers.direct),
      reported: sum((r) => r.speakers.reported),
    },
    evidenceMismatches: reports.reduce((n, r) => n + r.evidenceMismatches, 0),
    goldProblems: reports.flatMap((r) => r.goldProblems),
    misses: {
      entities: {
        wrong: reports.flatMap((r) => r.misses.entities.wrong),
        missed: reports.flatMap((r) => r.misses.entities.missed),
      },
      statements: {
        wrong: reports.flatMap((r) => r.misses.statements.wrong),
        missed: reports.flatMap((r) => r.misses.statements.missed),
        misattributed: reports.flatMap((r) => r.misses.statements.misattributed),
      },
    },
  };
}

/** The text folded character by character (case, accents, apostrophes), offsets unchanged. */
function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const f = normalise(c);
    out += f.length === 1 ? f : c.toLowerCase().length === 1 ? c.toLowerCase() : ' ';
  }
  return out;
}

/** Every whole-word occurrence of `name` in the folded text. */
function occurrences(folded: string, name: string): Span[] {
  const needle = normalise(name);
  const out: Span[] = [];
  if (needle.length < 2) return out;
  for (let i = folded.indexOf(needle); i >= 0; i = folded.indexOf(needle, i + 1)) {
    const before = folded[i - 1] ?? ' ';
    const after = folded[i + needle.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after))
      out.push({ start: i, end: i + needle.length });
  }
  return out;
}

const overlapOfShorter = (a: Span, b: Span) => {
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return shared > 0 && shared * 2 >= Math.min(a.end - a.start, b.end - b.start);
};

export function evaluate(
  extraction: Extraction,
  gold: Gold,
  options: EvaluateOptions = {},
): EvaluationReport {
  const text = options.text ?? gold.sources?.[0]?.text ?? '';
  const known = new Set(options.known ?? []);
  const folded = fold(text);
  const goldProblems: string[] = [];
  const goldEntities = [
    ...(gold.people ?? []),
    ...(gold.organisations ?? []),
    ...(gold.places ?? []),
    ...(gold.events ?? []),
  ];
  const goldMentions = new Map<string, Span[]>();
  const mentionLinks = (gold.links ?? []).filter((l) => l.type === 'MENTIONS');
  for (const m of gold.mentions ?? []) goldMentions.set(m.entity, [...(goldMentions.get(m.entity) ?? []), m]);
  for (const link of mentionLinks) {
    const spans = (link.evidence ?? []).flatMap((ev) => evidenceSpans(text, ev, link.to, goldProblems));
    goldMentions.set(link.to, [...(goldMentions.get(link.to) ?? []), ...spans]);
    // Known entities are not repeated in a gold: its MENTIONS links name them.
    if (!goldEntities.some((e) => e.key === link.to)) goldEntities.push({ key: link.to, name: link.to });
  }
  if (!gold.mentions && mentionLinks.length === 0) {
    for (const e of goldEntities) {
      const spans = [e.name, ...(e.aliases ?? [])].flatMap((n) => occurrences(folded, n));
      if (spans.length > 0) goldMentions.set(e.key, spans);
    }
  }
  const goldByKey = new Map(goldEntities.map((e) => [e.key, e]));
  const byId = new Map(extraction.entities.map((e) => [e.id, e]));
  const mentionsOf = new Map<string, Span[]>();
  for (const m of extraction.mentions) mentionsOf.set(m.entity, [...(mentionsOf.get(m.entity) ?? []), m]);
  const describe = (e: ProposedEntity | undefined) =>
    e ? `${e.name}${e.link ? ` (${e.link.key})` : ' (new)'}` : '?';

  // Entities.
  const matchesGold = (e: ProposedEntity, key: string): boolean => {
    if (e.link) return e.link.key === key;
    if (known.has(key)) return false;
    const spans = goldMentions.get(key) ?? [];
    return (mentionsOf.get(e.id) ?? []).some((m) => spans.some((g) => overlaps(m, g)));
  };
  const predictedEntities = extraction.entities.filter((e) => !e.unnamed);
  const findable = goldEntities.filter((g) => goldMentions.has(g.key) && !isUnnamed(g));
  const entityWrong: string[] = [];
  let entityRight = 0;
  for (const e of predictedEntities) {
    const ok = e.link ? goldByKey.has(e.link.key) : findable.some((g) => matchesGold(e, g.key));
    if (ok) entityRight++;
    else entityWrong.push(describe(e));
  }
  const entityMissed: string[] = [];
  let entityFound = 0;
  for (const g of findable) {
    if (predictedEntities.some((e) => matchesGold(e, g.key))) entityFound++;
    else entityMissed.push(`${g.name} (${g.key})`);
  }

  // Statements.
  const goldStatements: { statement: GoldStatement; spans: Span[] }[] = [];
  for (const s of gold.statements ?? []) {
    if (!KINDS.has(s.kind)) continue;
    const spans = s.evidence.flatMap((ev) => evidenceSpans(text, ev, s.name ?? s.speaker, goldProblems));
    if (spans.length > 0) goldStatements.push({ statement: s, spans });
  }
  const speakerAgrees = (p: ProposedStatement, g: GoldStatement): boolean => {
    const e = byId.get(p.speaker);
    if (!e) return false;
    const ge = goldByKey.get(g.speaker);
    if (e.unnamed) {
      if (!ge || !isUnnamed(ge)) return false;
      const org = e.unnamed.organisation ? byId.get(e.unnamed.organisation) : undefined;
      const goldOrg = unnamedOrganisation(ge, g, gold);
      if (!org || !goldOrg) return !org && !goldOrg;
      return org.link ? org.link.key === goldOrg : matchesGold(org, goldOrg);
    }
    return matchesGold(e, g.speaker);
  };
  const spanMatch = (p: ProposedStatement, g: { spans: Span[] }) =>
    g.spans.some((s) => overlapOfShorter(s, p.evidence));
  const isDirect = (kind: string) => kind === 'DIRECT_QUOTE';
  const counts = {
    spans: { predicted: 0, right: 0, gold: 0, found: 0 },
    all: { predicted: 0, right: 0, gold: 0, found: 0 },
    direct: { predicted: 0, right: 0, gold: 0, found: 0 },
    reported: { predicted: 0, right: 0, gold: 0, found: 0 },
  };
  const wrong: string[] = [];
  const misattributed: string[] = [];
  const show = (p: ProposedStatement) =>
    `${p.kind} ${describe(byId.get(p.speaker))} [${p.method}] "${text.slice(p.evidence.start, p.evidence.end).slice(0, 80)}"`;
  for (const p of extraction.statements) {
    const bucket = isDirect(p.kind) ? counts.direct : counts.reported;
    counts.spans.predicted++;
    counts.all.predicted++;
    bucket.predicted++;
    const matched = goldStatements.filter((g) => spanMatch(p, g));
    if (matched.length > 0) counts.spans.right++;
    if (matched.some((g) => speakerAgrees(p, g.statement))) {
      counts.all.right++;
      bucket.right++;
    } else if (matched.length > 0) {
      misattributed.push(`${show(p)} — gold speaker ${matched.map((g) => g.statement.speaker).join(' / ')}`);
    } else wrong.push(show(p));
  }
  const missed: string[] = [];
  for (const g of goldStatements) {
    const bucket = isDirect(g.statement.kind) ? counts.direct : counts.reported;
    counts.spans.gold++;
    counts.all.gold++;
    bucket.gold++;
    const matched = extraction.statements.filter((p) => spanMatch(p, g));
    if (matched.length > 0) counts.spans.found++;
    if (matched.some((p) => speakerAgrees(p, g.statement))) {
      counts.all.found++;
      bucket.found++;
    } else {
      const span = g.spans[0] as Span;
      const said = `${g.statement.kind} ${g.statement.speaker} "${text.slice(span.start, span.end).slice(0, 80)}"`;
      if (matched.length === 0) missed.push(said);
      else
        misattributed.push(
          `gold ${said} — predicted ${matched.map((p) => describe(byId.get(p.speaker))).join(' / ')}`,
        );
    }
  }
  const sc = (c: { predicted: number; right: number; gold: number; found: number }) =>
    score(c.predicted, c.right, c.gold, c.found);
  // Mentions, one by one.
  const predictedMentions = extraction.mentions.filter((m) => !byId.get(m.entity)?.unnamed);
  const mentionRight = predictedMentions.filter((m) => {
    const e = byId.get(m.entity);
    return (
      e !== undefined &&
      [...goldMentions].some(([key, spans]) => spans.some((g) => overlaps(g, m)) && matchesGold(e, key))
    );
  }).length;
  const goldMentionList = findable.flatMap((g) =>
    (goldMentions.get(g.key) ?? []).map((span) => ({ key: g.key, span })),
  );
  const mentionFound = goldMentionList.filter(({ key, span }) =>
    predictedMentions.some((m) => {
      const e = byId.get(m.entity);
      return e !== undefined && overlaps(span, m) && matchesGold(e, key);
    }),
  ).length;
  return {
    entities: score(predictedEntities.length, entityRight, findable.length, entityFound),
    mentions: score(predictedMentions.length, mentionRight, goldMentionList.length, mentionFound),
    statements: sc(counts.spans),
    speakers: { all: sc(counts.all), direct: sc(counts.direct), reported: sc(counts.reported) },
    evidenceMismatches: evidenceMismatches(extraction, text),
    goldProblems,
    misses: {
      entities: { wrong: entityWrong, missed: entityMissed },
      statements: { wrong, missed, misattributed },
    },
  };
}

/** Where a gold evidence item is in the text (a quote's first occurrence); a problem noted if nowhere. */
function evidenceSpans(text: string, ev: GoldEvidence, what: string, problems: string[]): Span[] {
  if ('quote' in ev) {
    const at = text.indexOf(ev.quote);
    if (at >= 0) return [{ start: at, end: at + ev.quote.length }];
    problems.push(`${what}: quote not in the text: ${ev.quote.slice(0, 60)}`);
    return [];
  }
  if (text.slice(ev.start, ev.end) !== ev.excerpt)
    problems.push(`${what}: ${ev.start}..${ev.end} is not its excerpt`);
  return [{ start: ev.start, end: ev.end }];
}

/** Whether a gold entity stands for an unnamed speaker. */
function isUnnamed(e: GoldEntity): boolean {
  return Boolean(e.unnamed) || /(^|\/)unnamed[-/]/.test(e.key);
}

/** The organisation of a gold unnamed speaker: its own field, its affiliation link, or the statement's behalf. */
function unnamedOrganisation(e: GoldEntity, s: GoldStatement, gold: Gold): string | null {
  if (typeof e.unnamed === 'object' && e.unnamed.organisation !== undefined) return e.unnamed.organisation;
  const link = gold.links?.find((l) => l.from === e.key && /AFFILIATED|MEMBER|PART_OF|WORKS/.test(l.type));
  return link?.to ?? s.onBehalfOf?.[0] ?? null;
}

const PUNCT = /[\s\p{P}\p{S}]/u;

/** Predicted spans that do not cut what they claim: out of range, untrimmed, a quote not its excerpt. */
export function evidenceMismatches(extraction: Extraction, text: string): number {
  const bad = (s: Span) =>
    !(s.start >= 0 && s.start < s.end && s.end <= text.length) ||
    PUNCT.test(text[s.start] ?? ' ') ||
    PUNCT.test(text[s.end - 1] ?? ' ');
  let n = 0;
  for (const m of extraction.mentions) if (bad(m)) n++;
  for (const s of extraction.statements) {
    if (
      bad(s.evidence) ||
      (s.kind === 'DIRECT_QUOTE' && text.slice(s.evidence.start, s.evidence.end) !== s.text)
    )
      n++;
  }
  return n;
}
