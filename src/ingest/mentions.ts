/**
 * Stage 1, mentions: which spans of the text name an entity, and which entity.
 *
 * Candidates are runs of capitalised words (connectors such as "of", "the", "de" inside: "Ministry of
 * Foreign Affairs"), sentence-initial function words, months and weekdays left out. Every sub-sequence of
 * a run, and the run stretched over a few lower-case words ("killing spree in Gyumri", "Azerbaijani armed
 * forces", "the 2019 Ostra floods"), is looked up in ONE call. Per run, the longest sub-sequence that
 * links (score ≥ LINK_THRESHOLD; stretched ones only on an exact name or alias) wins over its parts,
 * unless the run is a new name holding a known one ("Ostra Cup", "University of Dunmere"). Words left
 * over are, in order: a name met earlier in the article (full name, surname, acronym, an organisation's
 * short form: "Vestra", "Rovers"), a surname of one known person, or a new entity labelled by a dateline,
 * a class noun before it ("the union X"), a role before a person after it ("X spokesman Y"), keyword,
 * compromise, an apposition ("X, a spokesman for …"), the cities gazetteer or context. A first name before
 * a known surname that is not that person's makes a new person ("Hugo Brandt"). Titles and roles
 * before a name are dropped ("Health Minister Henrik Brandt"), demonyms skipped. A name with no label is
 * kept `pending`: it becomes a speaker if a sieve finds it speaking. Known entities sharing a name (a city
 * and its club) are told apart by the label the context asks for ("in X", a dateline → place; "X said",
 * "X coach" → an actor), else by whose own name it is. The body is read before a title-case headline,
 * whose capitals then only name what the body names.
 */
import { city } from './gazetteer.js';
import {
  CONNECTORS,
  EVENT_FIRST_WORDS,
  EVENT_LAST_WORDS,
  NOT_NAMES,
  ORGANISATION_WORDS,
  PLACE_PREPOSITIONS,
  ROLE_NOUNS,
  SPEECH_VERBS,
  TITLES,
} from './lexicon.js';
import { type Ner, nerLabel } from './ner.js';
import type { EntityTable } from './table.js';
import { normalise, type Word, words } from './text.js';
import type { EntityLabel, KnownEntity, Lookup, Span } from './types.js';

/**
 * The lowest lookup score that links a surface to a known entity. The in-memory lookup gives 1.0 for the
 * name or an alias, 0.95 without a leading "the", 0.7 for a person's surname and at most 0.5 for partial
 * names: 0.8 accepts whole names only, as a full-text index normalised to [0, 1] scores them.
 */
export const LINK_THRESHOLD = 0.8;
/** A single word scoring at least this for exactly one known person links to them (a surname). */
export const SURNAME_THRESHOLD = 0.65;
/** Candidates within this of the best score compete on label agreement. */
const TIE = 0.05;

/** A capitalised span that got no label: it becomes an entity only if a sieve finds it speaking. */
export interface Pending extends Span {
  name: string;
}

export interface MentionsResult {
  pending: Pending[];
}

interface Candidate {
  entity: KnownEntity;
  score: number;
}

/** One word of a run, with what the run needs to know about it. */
interface RunWord extends Word {
  initial: boolean;
}

const lower = (w: Word) => w.text.toLowerCase();
const isCapitalised = (w: Word) => /^\p{Lu}/u.test(w.text);
const isConnector = (w: Word) => CONNECTORS.has(lower(w));
const isInitialism = (w: Word) => /^(\p{L}\.)*\p{L}$/u.test(w.text);
const ABBREVIATED_TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'sen',
  'rep',
  'gov',
  'lt',
  'col',
  'capt',
  'st',
  'rev',
  'maj',
  'sgt',
]);

/** Whether a word opens a sentence (or a quotation, a heading, a dateline's text). */
function isInitial(text: string, prev: Word | undefined, w: Word): boolean {
  if (!prev) return true;
  const gap = text.slice(prev.end, w.start);
  if (/[\n!?:“"‘(]/.test(gap)) return true;
  if (gap.includes('.') && !ABBREVIATED_TITLES.has(lower(prev)) && !isInitialism(prev)) return true;
  return /[—–]/.test(gap) && prev.text === prev.text.toUpperCase() && /\p{L}/u.test(prev.text);
}

/** Whether two consecutive words can belong to one name ("St Luke's Hospital" across its possessive). */
function joins(text: string, a: Word, b: Word): boolean {
  const gap = text.slice(a.end, b.start);
  if (a.possessive) return /^['’]s?[ \t]+$/.test(gap) && ORGANISATION_WORDS.has(lower(b)) && isCapitalised(b);
  if (/^[ \t\u00a0]+$/.test(gap)) return true;
  return /^\.[ \t]+$/.test(gap) && (ABBREVIATED_TITLES.has(lower(a)) || isInitialism(a));
}

/** Whether compromise sees a sentence-initial word as something other than a noun. */
function notANoun(ner: Ner, w: Word): boolean {
  const tags = ner.tags.get(w.start);
  if (!tags) return false;
  if (tags.has('ProperNoun') || tags.has('Person') || tags.has('Place') || tags.has('Organization'))
    return false;
  return !tags.has('Noun') || tags.has('Pronoun');
}

/** "on" and "for" join names only after an institution's word ("Council on …", "Organization for …"). */
function connects(run: Word[], w: Word): boolean {
  const word = lower(w);
  if (word !== 'on' && word !== 'for') return true;
  const prev = lower(run[run.length - 1] as Word);
  return (
    ORGANISATION_WORDS.has(prev) ||
    EVENT_LAST_WORDS.has(prev) ||
    ['convention', 'organization', 'organisation'].includes(prev)
  );
}

/** Runs of capitalised words joined by connectors, trimmed of what cannot start or make a name. */
export function capitalisedRuns(text: string, ner: Ner): RunWord[][] {
  const all = words(text);
  const runs: RunWord[][] = [];
  let run: RunWord[] = [];
  const close = () => {
    while (run.length > 0 && isConnector(run[run.length - 1] as Word)) run.pop();
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (let i = 0; i < all.length; i++) {
    const w = all[i] as Word;
    const prev = all[i - 1];
    const initial = isInitial(text, prev, w);
    const rw: RunWord = { ...w, initial };
    const nameWord = isCapitalised(w) && !NOT_NAMES.has(lower(w));
    const dropInitial = initial && isCapitalised(w) && (NOT_NAMES.has(lower(w)) || notANoun(ner, w));
    if (run.length > 0 && !joins(text, run[run.length - 1] as Word, w)) close();
    if (nameWord && !dropInitial) {
      run.push(rw);
    } else if (run.length > 0 && !initial && isConnector(w) && !isCapitalised(w) && connects(run, w)) {
      const connectors = run.slice(-3).filter(isConnector).length;
      if (connectors < 3) run.push(rw);
      else close();
    } else {
      close();
    }
  }
  close();
  return runs;
}

interface Option extends Span {
  words: number;
  surface: string;
  /** Takes in lower-case words around the run: links only on an exact name. */
  stretched: boolean;
  /** "the Geneva talks": a run and an event word after "the", a new event if nothing knows it. */
  eventName: boolean;
}

/** The words before and after a run that a stretched candidate may take in (no punctuation between). */
function stretch(text: string, all: Word[], run: RunWord[]) {
  const first = all.findIndex((w) => w.start === run[0]?.start);
  const last = first + run.length - 1;
  const before: Word[] = [];
  for (let i = first - 1; i >= 0 && before.length < 5; i--) {
    const w = all[i] as Word;
    const next = all[i + 1] as Word;
    if (!/^[ \t]+$/.test(text.slice(w.end, next.start)) || w.possessive || isCapitalised(w)) break;
    before.unshift(w);
  }
  const after: Word[] = [];
  for (let i = last + 1; i < all.length && after.length < 4; i++) {
    const w = all[i] as Word;
    const prev = all[i - 1] as Word;
    const gap = text.slice(prev.end, w.start);
    if (!/^(['’]s?)?[ \t]+$/.test(gap) || isCapitalised(w)) break;
    after.push(w);
  }
  return { before, after };
}

const FILLER = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'at', 'for', 'and', 'to', 'by', 'from', 'with']);

/** Every candidate surface of a run: its sub-sequences, and the whole run stretched over lower-case words. */
function optionsOf(text: string, all: Word[], run: RunWord[]): Option[] {
  const out: Option[] = [];
  const add = (start: Word, end: Word, n: number, stretched: boolean, eventName = false) =>
    out.push({
      start: start.start,
      end: end.end,
      words: n,
      surface: text.slice(start.start, end.end),
      stretched,
      eventName,
    });
  for (let i = 0; i < run.length; i++) {
    if (isConnector(run[i] as Word)) continue;
    for (let j = i; j < run.length && j - i < 8; j++) {
      if (!isConnector(run[j] as Word)) add(run[i] as Word, run[j] as Word, j - i + 1, false);
    }
  }
  const { before, after } = stretch(text, all, run);
  const first = run[0] as Word;
  const last = run[run.length - 1] as Word;
  for (let k = 0; k < before.length; k++) {
    const w = before[k] as Word;
    if (!FILLER.has(lower(w))) add(w, last, before.length - k + run.length, true);
  }
  const definite = /\b[Tt]he\s+$/.test(text.slice(Math.max(0, first.start - 5), first.start));
  for (let f = 0; f < after.length; f++) {
    const w = after[f] as Word;
    const eventName = f === 0 && definite && !last.possessive && EVENT_LAST_WORDS.has(lower(w));
    if (!FILLER.has(lower(w))) add(first, w, run.length + f + 1, true, eventName);
  }
  // Both ways at once, a little: "the 2019 Ostra floods".
  for (let k = Math.max(0, before.length - 2); k < before.length; k++) {
    for (let f = 0; f < Math.min(2, after.length); f++) {
      const a = before[k] as Word;
      const b = after[f] as Word;
      if (!FILLER.has(lower(a)) && !FILLER.has(lower(b)))
        add(a, b, before.length - k + run.length + f + 1, true);
    }
  }
  return out;
}

/** Whether `surface` is exactly the entity's name or an alias (after normalisation, "the" aside). */
function isExactName(surface: string, entity: KnownEntity): boolean {
  const s = normalise(surface).replace(/^the /, '');
  return [entity.name, ...entity.aliases].some((n) => normalise(n).replace(/^the /, '') === s);
}

/** Lower-case words after a name that make it an actor: "Dunmere captain", "Rovers coach". */
const ACTOR_NOUNS = new Set([
  ...ROLE_NOUNS,
  ...'captain coach striker midfielder defender goalkeeper player players fans supporters chief councillor councillors shares customers staff employees'.split(
    ' ',
  ),
]);

/** What only a place has: "Dunmere's industrial zone", "the city's outskirts". */
const PLACE_NOUNS = new Set(
  'zone district districts centre center outskirts suburb suburbs streets quarter harbour port area region neighbourhood downtown'.split(
    ' ',
  ),
);

/** Common nouns that class the name after them as an organisation: "the union X", "the water company, X". */
const ORGANISATION_CLASSES = new Set(
  'company firm union journal newspaper magazine broadcaster group bank club side team party agency charity insurer lender airline operator supplier retailer utility'.split(
    ' ',
  ),
);

/** Whether an organisation's class noun (and a comma at most) stands just before `start`. */
function classedAsOrganisation(text: string, start: number): boolean {
  const noun = /(\p{Ll}+)\s*,?\s+$/u.exec(text.slice(Math.max(0, start - 30), start))?.[1];
  return noun !== undefined && ORGANISATION_CLASSES.has(noun);
}

/** Roles written between an organisation and its person: "Halden Logistics spokesman Mark Tobin". */
const ROLE_BEFORE_NAME =
  /^\s+(?:[\p{Ll}-]+\s+)?(?:spokesman|spokeswoman|spokesperson|representative|lawyer|chief|chairman|chairwoman|director|executive|boss|official|analyst|economist)\s+\p{Lu}/u;

/** Whether a span is a story's dateline ("KORSA — …"): always a place. */
function inDateline(text: string, span: Span): boolean {
  const surface = text.slice(span.start, span.end);
  return (
    /(^|\n)\s*$/.test(text.slice(Math.max(0, span.start - 30), span.start)) &&
    surface === surface.toUpperCase() &&
    /^\s*[—–-]/.test(text.slice(span.end, span.end + 5))
  );
}

/** The label the words around a span ask for: a place after "in" or in a dateline, an actor before a verb. */
export function contextLabel(text: string, span: Span, ner?: Ner): 'Place' | 'Actor' | null {
  const before = text.slice(Math.max(0, span.start - 30), span.start);
  const after = text.slice(span.end, span.end + 40);
  if (inDateline(text, span)) return 'Place';
  const prev = /([\p{L}]+)[\s]+(?:the\s+)?$/iu.exec(before)?.[1]?.toLowerCase();
  if (prev && PLACE_PREPOSITIONS.has(prev) && !/^['’]s?\s+(?!\p{Lu})\p{L}/u.test(after)) return 'Place';
  // "in Dunmere's industrial zone": what a possessive owns says what it is.
  const owned = /^['’]s?\s+(\p{Ll}+(?:\s+\p{Ll}+){0,2})/u.exec(after)?.[1]?.split(/\s+/) ?? [];
  if (owned.some((w) => PLACE_NOUNS.has(w))) return 'Place';
  if (/^['’]s?\s+(?!\p{Lu})\p{L}/u.test(after)) return 'Actor';
  if (/^\s*,\s*(?:who|which)\b/.test(after)) return 'Actor';
  const next =
    /^\s+(?:(?:has|have|had|also|then|later|again|previously|reportedly|on\s+\p{L}+)\s+)*(\p{L}+)/u.exec(
      after,
    );
  const nextWord = next?.[1];
  if (nextWord && nextWord === nextWord.toLowerCase()) {
    if (SPEECH_VERBS.has(nextWord) || ACTOR_NOUNS.has(nextWord)) return 'Actor';
    const tags = ner?.tags.get(span.end + (next?.[0].length ?? 0) - nextWord.length);
    if (tags?.has('Verb') && !tags.has('Gerund') && !tags.has('Participle')) return 'Actor';
  }
  if (prev === 'by' || prev === 'according') return 'Actor';
  return null;
}

/**
 * Among candidates tied on score, the one whose label the context asks for, else the one whose own name
 * (not an alias) it is, else the one compromise's label agrees with, else the lookup's first.
 */
function choose(
  surface: string,
  cands: Candidate[],
  hint: 'Place' | 'Actor' | null,
  ner: EntityLabel | null,
): { pick: Candidate; agreed: boolean } {
  const best = cands[0] as Candidate;
  const tied = cands.filter((c) => c.score >= best.score - TIE);
  if (new Set(tied.map((c) => c.entity.label)).size < 2) return { pick: best, agreed: true };
  const wants = (c: Candidate) =>
    hint === 'Place'
      ? c.entity.label === 'Place'
      : hint === 'Actor'
        ? c.entity.label === 'Person' || c.entity.label === 'Organisation'
        : false;
  const byHint = tied.filter(wants);
  if (byHint.length === 1) return { pick: byHint[0] as Candidate, agreed: true };
  const pool = byHint.length > 1 ? byHint : tied;
  const own = pool.filter((c) => normalise(c.entity.name) === normalise(surface));
  if (own.length === 1) return { pick: own[0] as Candidate, agreed: byHint.length > 1 };
  const byNer = ner ? pool.find((c) => c.entity.label === ner) : undefined;
  if (byNer) return { pick: byNer, agreed: true };
  return { pick: pool[0] as Candidate, agreed: false };
}

/** Whether a single word is a demonym ("Freedonian", "Armenian", "Azerbaijani"), not a name. */
function isDemonym(
  text: string,
  ner: Ner,
  w: string,
  known: (name: string) => boolean = () => false,
): boolean {
  if (ner.demonyms.has(w.toLowerCase())) return true;
  return demonymBases(w).some((base) => known(base) || new RegExp(`\\b${base}\\b`).test(text));
}

/** The names a word may be the demonym of: "Freedonian" → "Freedonia", "Azerbaijani" → "Azerbaijan". */
function demonymBases(w: string): string[] {
  if (!/^\p{Lu}\p{Ll}+(?:n|i)$/u.test(w) || w.length < 5) return [];
  return /ian$/.test(w) ? [w.slice(0, -1), w.slice(0, -2)] : [w.slice(0, -1)];
}

/** A label for a name the graph lacks, with the method that found it, or null. */
export function guessLabel(
  text: string,
  span: Span,
  ner: Ner,
  titled: boolean,
  known?: (name: string) => boolean,
): { label: EntityLabel; method: string; confidence: number } | null {
  const ws = words(text, span.start, span.end).map(lower);
  const connector = ws.findIndex((w) => w === 'of' || w === 'for' || w === 'on');
  const head = connector > 0 ? ws.slice(0, connector) : ws;
  const tags = ws.length === 1 ? ner.tags.get(span.start) : undefined;
  const name = text.slice(span.start, span.end);
  if (
    ws.length === 1 &&
    (isDemonym(text, ner, name, known) || (tags?.has('Adjective') && !tags.has('ProperNoun')))
  ) {
    return null;
  }
  // A lone keyword ("Genocide", "Parliament") is a common noun written big, not a name.
  const lone = ws.length === 1 && (ORGANISATION_WORDS.has(ws[0] ?? '') || EVENT_LAST_WORDS.has(ws[0] ?? ''));
  const byNer = nerLabel(ner, span);
  if (titled) return { label: 'Person', method: 'rule:title', confidence: 0.7 };
  if (inDateline(text, span)) return { label: 'Place', method: 'rule:dateline', confidence: 0.6 };
  const team = TEAM_WORDS.has(ws[ws.length - 1] ?? '') && contextLabel(text, span, ner) === 'Actor';
  if (
    !lone &&
    (team || classedAsOrganisation(text, span.start) || ROLE_BEFORE_NAME.test(text.slice(span.end)))
  ) {
    return { label: 'Organisation', method: 'rule:class', confidence: 0.65 };
  }
  if (!lone && ws.some((w) => ORGANISATION_WORDS.has(w)) && !EVENT_FIRST_WORDS.has(ws[0] ?? '')) {
    return { label: 'Organisation', method: 'rule:keyword', confidence: 0.7 };
  }
  if (!lone && (EVENT_LAST_WORDS.has(head[head.length - 1] ?? '') || EVENT_FIRST_WORDS.has(ws[0] ?? ''))) {
    return { label: 'Event', method: 'rule:keyword', confidence: 0.65 };
  }
  if (lone) return null;
  // "Marek Halloran, a spokesman for …", "spokesman Peter Hall": a role beside a short name makes a person.
  const after = text.slice(span.end, span.end + 60);
  const before = text.slice(Math.max(0, span.start - 30), span.start);
  const role = /^,\s+(?:(?:a|an|the)\s+)?(?:[\p{Ll}-]+\s+){0,3}?([\p{Ll}]+)\b/u.exec(after)?.[1];
  const roleBefore = /([\p{Ll}]+)\s+$/u.exec(before)?.[1];
  if (
    ws.length >= 2 &&
    ws.length <= 3 &&
    ((role && (ROLE_NOUNS.has(role) || TITLES.has(role))) || (roleBefore && ROLE_NOUNS.has(roleBefore)))
  ) {
    return { label: 'Person', method: 'rule:apposition', confidence: 0.6 };
  }
  if (byNer) return { label: byNer, method: 'ner:compromise', confidence: byNer === 'Person' ? 0.7 : 0.65 };
  const gazetted = city(name);
  if (gazetted && gazetted.population >= 10_000)
    return { label: 'Place', method: 'ner:cities', confidence: 0.6 };
  const hint = contextLabel(text, span, ner);
  if (hint === 'Place' && gazetted) return { label: 'Place', method: 'ner:cities', confidence: 0.55 };
  if (hint === 'Place' && ws.length <= 2) return { label: 'Place', method: 'rule:context', confidence: 0.4 };
  return null;
}

/** Words that name a team on their own ("Rovers", "United"), although they make a name an organisation. */
const TEAM_WORDS = new Set(['rovers', 'united', 'athletic', 'wanderers', 'rangers', 'city']);

/** Mentions of a name already met in the article: surnames, acronyms, short forms of names. */
class Coreference {
  private readonly surnames = new Map<string, string>();
  private readonly acronyms = new Map<string, string>();
  private readonly names = new Map<string, string>();
  private readonly shortForms = new Map<string, string>();

  person(id: string, name: string) {
    const tokens = normalise(name).split(/\s+/);
    if (tokens.length > 1) this.surnames.set(tokens[tokens.length - 1] as string, id);
  }

  /** A new entity's name, and for an organisation its distinctive first or last word ("Vestra", "Rovers"). */
  entity(id: string, name: string, label: EntityLabel) {
    const n = normalise(name);
    this.names.set(n, id);
    if (label !== 'Organisation') return;
    const tokens = n.split(/\s+/).filter((t) => !CONNECTORS.has(t));
    if (tokens.length < 2) return;
    for (const t of [tokens[0], tokens[tokens.length - 1]]) {
      const generic = ORGANISATION_WORDS.has(t ?? '') && !TEAM_WORDS.has(t ?? '');
      if (t && t.length > 2 && !generic && !this.shortForms.has(t)) this.shortForms.set(t, id);
    }
  }

  acronym(id: string, acronym: string) {
    this.acronyms.set(normalise(acronym), id);
  }

  /** An earlier entity this surface names, by its full name, surname or acronym. */
  find(surface: string): { id: string; method: string } | null {
    const n = normalise(surface);
    const name = this.names.get(n) ?? this.names.get(n.replace(/^the /, ''));
    if (name) return { id: name, method: 'coref:name' };
    const surname = this.surnames.get(n);
    if (surname) return { id: surname, method: 'coref:surname' };
    const acronym = this.acronyms.get(n);
    return acronym ? { id: acronym, method: 'coref:acronym' } : null;
  }

  /** An earlier organisation this single word shortens. */
  short(surface: string): string | null {
    return this.shortForms.get(normalise(surface)) ?? null;
  }
}

const isTitle = (w: Word) => {
  const word = lower(w).replace(/\.$/, '');
  return TITLES.has(word) || ACTOR_NOUNS.has(word) || ROLE_WORDS.has(word);
};
/** Capitalised roles before a name at the start of a sentence ("Midfielder Sami Okonjo"). */
const ROLE_WORDS = new Set([
  'midfielder',
  'substitute',
  'forward',
  'winger',
  'defender',
  'goalkeeper',
  'analyst',
  'economist',
]);

/**
 * A segment without the title before its name: "Health Minister Henrik Brandt" → "Henrik Brandt",
 * "Dr Hanna Berg" → "Hanna Berg". A segment that ends on a title ("Sylvanian Foreign Minister", before a
 * linked name) is all title: nothing is left.
 */
function untitled(segment: Word[]): { rest: Word[]; titled: boolean } {
  if (segment.length > 0 && isTitle(segment[segment.length - 1] as Word)) return { rest: [], titled: true };
  let last = -1;
  for (let i = 0; i < segment.length - 1; i++) if (isTitle(segment[i] as Word)) last = i;
  let i = last + 1;
  while (i < segment.length && isConnector(segment[i] as Word)) i++;
  return { rest: segment.slice(i), titled: last >= 0 };
}

/**
 * Whether the whole run is one new name although a part of it is known: an organisation or event word
 * ends it or heads it before "of" ("Ostra Cup", "Port Arlen District Court", "University of Dunmere",
 * "Public Radio of Armenia"), an organisation's class noun stands before it ("the union Energy Workers
 * Sylvania"), or a place is followed by a plural or, acting, a team word ("Varno Rovers", "Port Arlen City
 * sacked their coach": a team).
 */
function wholeName(text: string, run: RunWord[], known: (s: Span) => EntityLabel | null, ner: Ner): boolean {
  if (run.length < 2 || run.length > 7) return false;
  const ws = run.map(lower);
  const last = ws[ws.length - 1] ?? '';
  const k = ws.findIndex((w) => w === 'of' || w === 'for' || w === 'on');
  if (ORGANISATION_WORDS.has(last) || EVENT_LAST_WORDS.has(last)) return true;
  if (classedAsOrganisation(text, (run[0] as Word).start)) return true;
  if (
    k > 0 &&
    ws.length - k <= 4 &&
    ws.slice(0, k).some((w) => ORGANISATION_WORDS.has(w) || EVENT_LAST_WORDS.has(w))
  ) {
    return true;
  }
  const head = run[0] as Word;
  const tail = run[run.length - 1] as Word;
  const place = { start: head.start, end: (run[run.length - 2] as Word).end };
  const team =
    TEAM_WORDS.has(lower(tail)) && contextLabel(text, { start: head.start, end: tail.end }, ner) === 'Actor';
  return (
    known(place) === 'Place' &&
    (/[^s]s$/.test(tail.text) || team) &&
    !known({ start: tail.start, end: tail.end }) &&
    text.length > 0
  );
}

/** Whether the first paragraph is a title-case headline. */
function headlineEnd(text: string): number {
  const end = text.indexOf('\n');
  const line = end < 0 ? text : text.slice(0, end);
  const ws = words(line).filter((w) => w.text.length > 3);
  if (ws.length < 3 || /[.!?]\s*$/.test(line)) return 0;
  return ws.filter(isCapitalised).length / ws.length >= 0.6 ? line.length : 0;
}

export interface MentionsInput {
  text: string;
  lookup: Lookup;
  table: EntityTable;
  ner: Ner;
}

/** Finds and resolves every mention of the text into `table`. */
export async function findMentions({ text, lookup, table, ner }: MentionsInput): Promise<MentionsResult> {
  const all = words(text);
  const runs = capitalisedRuns(text, ner);
  const optionsByRun = runs.map((run) => optionsOf(text, all, run));
  const surfaces = [
    ...new Set([
      ...optionsByRun.flat().map((o) => o.surface),
      ...runs.flatMap((run) => (run.length === 1 ? demonymBases((run[0] as Word).text) : [])),
    ]),
  ];
  const found = surfaces.length > 0 ? await lookup(surfaces) : new Map<string, Candidate[]>();
  const candidatesOf = (o: Option): Candidate[] =>
    (found.get(o.surface) ?? []).filter(
      (c) => c.score >= LINK_THRESHOLD && (!o.stretched || isExactName(o.surface, c.entity)),
    );
  const knownLabel = (s: Span): EntityLabel | null => {
    const cands = candidatesOf({
      ...s,
      words: 1,
      surface: text.slice(s.start, s.end),
      stretched: false,
      eventName: false,
    });
    return cands[0]?.entity.label ?? null;
  };
  const coref = new Coreference();
  const pending: Pending[] = [];
  const wordAt = new Map(all.map((w, i) => [w.start, i]));
  /** "Hugo Brandt" is not Henrik Brandt: a first name before a known surname that is not theirs. */
  const otherFirstName = (o: Option, cands: Candidate[]): boolean => {
    const pick = cands[0];
    if (o.words !== 1 || pick?.entity.label !== 'Person') return false;
    const prev = all[(wordAt.get(o.start) ?? 0) - 1];
    if (!prev || !/^\s+$/.test(text.slice(prev.end, o.start))) return false;
    const given = ner.tags.get(prev.start)?.has('FirstName') === true;
    return given && !cands.some((c) => normalise(c.entity.name).split(/\s+/).includes(normalise(prev.text)));
  };
  const headline = headlineEnd(text);
  const body = text.slice(headline);

  const candidatesJson = (surface: string) =>
    (found.get(surface) ?? []).map((c) => ({ key: c.entity.key, name: c.entity.name, score: c.score }));

  const addKnown = (o: Option, cands: Candidate[], method: string, confidence: number): string => {
    const { pick, agreed } = choose(o.surface, cands, contextLabel(text, o, ner), nerLabel(ner, o));
    const entity = pick.entity;
    const c = confidence * pick.score * (agreed ? 1 : 0.75);
    const id = table.add({
      name: entity.name,
      label: entity.label,
      link: { key: entity.key, score: pick.score },
      candidates: candidatesJson(o.surface),
      location: null,
      unnamed: null,
      method,
      confidence: c,
    });
    table.mention(id, o, method, c);
    if (entity.label === 'Person') coref.person(id, entity.name);
    if (entity.label === 'Organisation') coref.entity(id, entity.name, entity.label);
    return id;
  };

  const addNew = (span: Span, label: EntityLabel, method: string, confidence: number): string => {
    const surface = text.slice(span.start, span.end);
    const gazetted = label === 'Place' ? city(surface) : null;
    const id = table.add({
      name: surface,
      label,
      link: null,
      candidates: candidatesJson(surface),
      location: gazetted ? { latitude: gazetted.latitude, longitude: gazetted.longitude } : null,
      unnamed: null,
      method,
      confidence,
    });
    table.mention(id, span, method, confidence);
    if (label === 'Person') coref.person(id, surface);
    coref.entity(id, surface, label);
    afterwards(id, span);
    return id;
  };

  const afterwards = (id: string, span: Span) => {
    const acronym = /^\s*\(([\p{Lu}][\p{L}&-]{1,11})\)/u.exec(text.slice(span.end, span.end + 16));
    if (acronym?.[1] && acronym[1] === acronym[1].toUpperCase()) coref.acronym(id, acronym[1]);
  };

  /** A name the article met before (full name, surname, acronym), as a mention of that entity. */
  const corefer = (span: Span, surface: string, single: boolean): boolean => {
    const co = coref.find(surface);
    if (!co || (!single && co.method !== 'coref:name')) return false;
    table.mention(co.id, span, co.method, 0.85);
    return true;
  };

  // The body first, the headline last: a headline's capitals only name what the body names.
  const inHead = (r: number) => Number(((runs[r] as RunWord[])[0] as Word).start < headline);
  const order = runs.map((_, r) => r).sort((a, b) => inHead(a) - inHead(b) || a - b);
  for (const r of order) {
    const run = runs[r] as RunWord[];
    const options = optionsByRun[r] as Option[];
    const inHeadline = (run[0] as Word).start < headline;
    const first = run[0] as Word;
    const last = run[run.length - 1] as Word;
    const runSpan = { start: first.start, end: last.end };
    const linked = options
      .map((o) => ({ o, cands: candidatesOf(o) }))
      .filter(
        (x) => x.cands.length > 0 || (x.o.stretched && coref.find(x.o.surface)?.method === 'coref:name'),
      )
      .filter((x) => !otherFirstName(x.o, x.cands))
      .sort((a, b) => b.o.words - a.o.words || a.o.start - b.o.start);
    const wholeLinks = linked.some(
      (x) => !x.o.stretched && x.o.start === runSpan.start && x.o.end === runSpan.end,
    );
    const resolved: { span: Span; resolve: () => void }[] = [];
    // "the Geneva talks": a new event, when nothing longer is known.
    const event = options.find((o) => o.eventName);
    if (event && !linked.some((x) => x.o.words >= event.words)) {
      resolved.push({
        span: event,
        resolve: () => {
          if (!corefer(event, event.surface, false)) addNew(event, 'Event', 'rule:event-name', 0.6);
        },
      });
    } else if (
      !wholeLinks &&
      !inHeadline &&
      wholeName(text, run, knownLabel, ner) &&
      !linked.some((x) => x.o.stretched)
    ) {
      // A new name that holds a known one: the whole run, its parts no mentions of their own.
      resolved.push({ span: runSpan, resolve: () => resolveNew(runSpan, run.length, false, false) });
    } else {
      const picked: { o: Option; cands: Candidate[] }[] = [];
      for (const x of linked) {
        if (picked.every((p) => p.o.end <= x.o.start || x.o.end <= p.o.start)) picked.push(x);
      }
      const segments: Word[][] = [];
      let segment: Word[] = [];
      for (const w of run) {
        if (picked.some((p) => p.o.start <= w.start && w.end <= p.o.end)) {
          if (segment.length > 0) segments.push(segment);
          segment = [];
        } else segment.push(w);
      }
      if (segment.length > 0) segments.push(segment);
      for (const p of picked) {
        resolved.push({
          span: p.o,
          resolve: () => {
            if (p.cands.length === 0 && corefer(p.o, p.o.surface, false)) return;
            if (p.o.words === 1 && corefer(p.o, p.o.surface, true)) return;
            const id = addKnown(p.o, p.cands, p.o.stretched ? 'gazetteer:stretched' : 'gazetteer', 1);
            afterwards(id, p.o);
          },
        });
      }
      for (const seg of segments) {
        const { rest, titled } = untitled(seg);
        while (rest.length > 0 && isConnector(rest[rest.length - 1] as Word)) rest.pop();
        const a = rest[0];
        const b = rest[rest.length - 1];
        if (!a || !b) continue;
        const span = { start: a.start, end: b.end };
        resolved.push({ span, resolve: () => resolveNew(span, rest.length, titled, inHeadline) });
      }
    }
    resolved.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
    for (const x of resolved) x.resolve();
  }

  function resolveNew(span: Span, n: number, titled: boolean, inHeadline: boolean) {
    const surface = text.slice(span.start, span.end);
    if (corefer(span, surface, n === 1)) return;
    const cands = found.get(surface) ?? [];
    const persons = cands.filter((c) => c.entity.label === 'Person' && c.score >= SURNAME_THRESHOLD);
    if (n === 1 && persons.length === 1 && (persons[0] as Candidate).score === cands[0]?.score) {
      addKnown(
        { ...span, words: 1, surface, stretched: false, eventName: false },
        persons,
        'gazetteer:surname',
        0.8,
      );
      return;
    }
    const short = n === 1 ? coref.short(surface) : null;
    if (short) {
      table.mention(short, span, 'coref:short-name', 0.75);
      return;
    }
    const guess = guessLabel(text, span, ner, titled, (name) =>
      (found.get(name) ?? []).some((c) => c.score >= LINK_THRESHOLD && c.entity.label !== 'Person'),
    );
    // A headline capitalises every word: a name there must be known, a keyword name, or written so in the body.
    // A headline capitalises every word: only names the body also writes so make new entities there.
    if (inHeadline && !body.includes(surface)) return;
    if (!guess) {
      if (!NOT_NAMES.has(surface.toLowerCase())) pending.push({ ...span, name: surface });
      return;
    }
    addNew(span, guess.label, guess.method, guess.confidence);
  }

  // A new name met again where no run found it ("Geneva Talks" in the headline, "the Geneva talks" below).
  let folded = '';
  for (const c of text) {
    const l = c.toLowerCase();
    folded += l.length === c.length ? l : c;
  }
  folded = folded.replace(/[’‘]/g, "'");
  for (const e of [...table.entities]) {
    if (e.link || e.unnamed || !/\s/.test(e.name)) continue;
    const needle = normalise(e.name);
    for (let i = folded.indexOf(needle); i >= 0; i = folded.indexOf(needle, i + 1)) {
      const span = { start: i, end: i + needle.length };
      if (/[\p{L}\p{N}]/u.test(text[i - 1] ?? ' ') || /[\p{L}\p{N}]/u.test(text[span.end] ?? ' ')) continue;
      const inside = table.mentions.filter((m) => m.start < span.end && span.start < m.end);
      if (
        inside.some(
          (m) =>
            (m.entity === e.id && m.start <= span.start && m.end >= span.end) ||
            m.start < span.start ||
            m.end > span.end,
        )
      )
        continue;
      table.unmention(inside);
      table.mention(e.id, span, 'coref:name', 0.8);
    }
  }
  return { pending };
}
