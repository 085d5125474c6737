/**
 * Who a speaker phrase names: the phrase before or after a speech verb ("Babayan", "the spokesman",
 * "a spokesman for the ministry", "he", "the statement", "Artsakh’s presidential spokesman David Babayan")
 * resolved to an entity id, with the method and a confidence:
 *   a named head (the mention ending the phrase)                      → that entity ('named');
 *   a pronoun                                                         → the latest speaker before, of the
 *                                                                       gender a first name tells ('pronoun');
 *   a document ("the statement")                                      → who issued it ('document');
 *   a definite role ("the spokesman") met earlier with a name         → that person, else the one named
 *                                                                       so just after ('role');
 *   "the company"                                                     → the organisation named so, else
 *                                                                       the one its sentence is about;
 *   any other role phrase ("officials", "sources close to the talks") → an unnamed entity ('unnamed'),
 *     its organisation the one named in the phrase, or the last organisation whose name holds the
 *     phrase's organisation noun ("a ministry official" → the Ministry of Defence met before);
 *   a capitalised name no stage could label, speaking                 → a new person or organisation.
 * A spokesman-like role gives the organisation as onBehalfOf. Never guesses a name.
 */
import { DOCUMENT_NOUNS, ORGANISATION_WORDS, PRONOUNS, ROLE_NOUNS, SPEAKING_ROLES } from './lexicon.js';
import type { Pending } from './mentions.js';
import type { EntityTable } from './table.js';
import { trimSpan, words } from './text.js';
import type { EntityLabel, ProposedMention, Span } from './types.js';

export interface Speaker {
  id: string;
  method: string;
  confidence: number;
  onBehalfOf: string[];
}

/** A statement already attributed, as pronoun and document resolution look back on it. */
export interface Said {
  at: number;
  speaker: string;
}

const isLowerWord = (w: string) => w === w.toLowerCase();

const ARTICLES = /^(?:a|an|the)\s+/i;
const PREPOSITIONS = new Set([
  'for',
  'of',
  'at',
  'with',
  'from',
  'to',
  'in',
  'close',
  'near',
  'familiar',
  'by',
  'inside',
  'within',
]);
/** A relative clause ends a phrase's core too: "a neighbour | who asked not to be named". */
const RELATIVES = new Set(['who', 'whose', 'which']);
/** Roles that speak on behalf of whom they work for. */
const SPOKESMAN =
  /^spokes(?:man|men|woman|women|person|people)$|^representatives?$|^lawyers?$|^attorneys?$|^counsel$/;

export class Speakers {
  private readonly issuers: Said[] = [];
  private readonly said: Said[] = [];

  constructor(
    private readonly text: string,
    private readonly table: EntityTable,
    private readonly pending: readonly Pending[],
    private readonly affiliations: ReadonlyMap<string, string>,
    private readonly tags?: ReadonlyMap<number, ReadonlySet<string>>,
    private readonly subjects: readonly Said[] = [],
  ) {}

  /** Records a resolved statement, for later pronouns. */
  spoke(at: number, speaker: string): void {
    this.said.push({ at, speaker });
  }

  /** Records who issued a document, for a later "the statement said". */
  issued(at: number, speaker: string): void {
    this.issuers.push({ at, speaker });
  }

  private label(id: string): EntityLabel | undefined {
    return this.table.get(id)?.label;
  }

  private named(id: string, method: string, confidence: number, onBehalfOf: string[] = []): Speaker {
    const affiliated = this.affiliations.get(id);
    return { id, method, confidence, onBehalfOf: affiliated ? [affiliated, ...onBehalfOf] : onBehalfOf };
  }

  /** The speaker a pronoun stands for at `at`: the latest speaker before, else the latest fitting mention. */
  pronoun(word: string, at: number): Speaker | null {
    const w = word.toLowerCase();
    const person = w === 'he' || w === 'she' || w === 'i';
    const fits = (id: string) => {
      const label = this.label(id);
      if (w === 'he' || w === 'she')
        return label === 'Person' && this.gender(id) !== (w === 'he' ? 'F' : 'M');
      if (person) return label === 'Person';
      if (w === 'it') return label === 'Organisation';
      return label === 'Person' || label === 'Organisation';
    };
    // The latest speaker or sentence subject before the pronoun ("Kessler struck a harder tone. … she said").
    let best: Said | null = null;
    for (const s of [...this.said, ...this.subjects]) {
      if (s.at < at && at - s.at < 2000 && fits(s.speaker) && (!best || s.at > best.at)) best = s;
    }
    if (best) return this.named(best.speaker, 'pronoun', 0.7);
    const mention = this.latestMention(at, fits, 600);
    return mention ? this.named(mention.entity, 'pronoun', 0.55) : null;
  }

  /** A person's gender when their first name tells it ("Sara Lindholm" is not "he"), else null. */
  private gender(id: string): 'F' | 'M' | null {
    const first = this.table.mentions.find((m) => m.entity === id);
    const tags = first ? this.tags?.get(first.start) : undefined;
    if (!tags || tags.has('FemaleName') === tags.has('MaleName')) return null;
    return tags.has('FemaleName') ? 'F' : 'M';
  }

  /** The latest speaker before `at` (a quotation with no attribution continues the last one). */
  continued(at: number): Speaker | null {
    for (let i = this.said.length - 1; i >= 0; i--) {
      const s = this.said[i] as Said;
      if (s.at < at && at - s.at < 1500) return this.named(s.speaker, 'continued', 0.6);
    }
    return null;
  }

  /**
   * The organisation a nearby sentence is about (its subject), for "the company said": "Vestra Power, the
   * supplier that Norvik agreed to buy, will cut jobs, the company said" is Vestra's.
   */
  private latestSubject(at: number, fits: (id: string) => boolean): { entity: string } | null {
    const s = this.subjects.filter((x) => x.at < at && at - x.at < 400 && fits(x.speaker)).pop();
    return s ? { entity: s.speaker } : null;
  }

  private latestMention(at: number, fits: (id: string) => boolean, within: number): ProposedMention | null {
    let best: ProposedMention | null = null;
    for (const m of this.table.mentions) {
      if (m.end <= at && at - m.end < within && fits(m.entity) && (!best || m.start > best.start)) best = m;
    }
    return best;
  }

  /** The person or organisation an object pronoun ("him", "them") stands for, other than the speaker. */
  object(word: string, at: number, speaker: string | null): string | null {
    const w = word.toLowerCase();
    const wanted: EntityLabel = w === 'him' || w === 'her' ? 'Person' : 'Organisation';
    const m = this.latestMention(at, (id) => id !== speaker && this.label(id) === wanted, 800);
    return m?.entity ?? null;
  }

  /** Resolves a speaker phrase (see the file comment); null when it names nobody. */
  resolve(span: Span, at: number, quoteSpeaker: string | null = null): Speaker | null {
    let trimmed = trimSpan(this.text, span.start, span.end);
    if (!trimmed) return null;
    const conjunction = /^(?:and|but|while|as|so|yet|then|also)\s+/i.exec(
      this.text.slice(trimmed.start, trimmed.end),
    );
    if (conjunction) trimmed = { start: trimmed.start + conjunction[0].length, end: trimmed.end };
    const phrase = this.text.slice(trimmed.start, trimmed.end);
    const lowered = phrase.toLowerCase();
    if ((lowered === 'i' || lowered === 'we') && quoteSpeaker)
      return this.named(quoteSpeaker, 'pronoun', 0.85);
    if (PRONOUNS.has(lowered)) return this.pronoun(lowered, at);
    const ws = words(this.text, trimmed.start, trimmed.end);
    if (ws.length === 0 || ws.length > 14) return null;
    const within = trimmed;
    const mentions = this.table
      .mentionsIn(within)
      .filter((m) => m.start >= within.start && m.end <= within.end);
    const last = ws[ws.length - 1];
    // The core of the phrase: its words before a preposition ("farmers | in northern Freedonia",
    // "a spokeswoman | for the ministry", "Sources | close to the talks").
    const cut = ws.findIndex(
      (w, i) => i > 0 && (PREPOSITIONS.has(w.text.toLowerCase()) || RELATIVES.has(w.text.toLowerCase())),
    );
    const coreEnd = cut > 0 ? (ws[cut] as { start: number }).start : trimmed.end;
    const core = cut > 0 ? ws.slice(0, cut) : ws;

    // A named head: the mention that ends the phrase and starts in its core.
    const head = mentions.filter((m) => m.end >= (last?.end ?? 0)).pop();
    if (head && head.start < coreEnd && !this.table.get(head.entity)?.unnamed) {
      const label = this.label(head.entity);
      if (label === 'Person' || label === 'Organisation' || label === 'Place') {
        const onBehalf = this.possessor(head, mentions);
        return this.named(head.entity, 'named', label === 'Place' ? 0.7 : 0.95, onBehalf ? [onBehalf] : []);
      }
    }

    const headWord = core[core.length - 1];
    const noun = headWord?.text.toLowerCase() ?? '';
    // A capital is a sentence's, not a name's, when the head is the phrase's first word ("Sources close to …").
    const common = headWord !== undefined && (isLowerWord(headWord.text) || headWord === ws[0]);
    const definite = /^(the|this|that|its|their|his|her)\s/i.test(phrase);

    // A document that speaks for whoever issued it.
    if (DOCUMENT_NOUNS.has(noun) && definite) {
      const owner = mentions.find(
        (m) => this.label(m.entity) === 'Organisation' || this.label(m.entity) === 'Person',
      );
      if (owner) return this.named(owner.entity, 'document', 0.8);
      const issuer = [...this.issuers].reverse().find((s) => s.at < at);
      if (issuer) return this.named(issuer.speaker, 'document', 0.75);
      const org = this.latestMention(at, (id) => this.label(id) === 'Organisation', 1500);
      return org ? this.named(org.entity, 'document', 0.5) : null;
    }

    // "the council", "the company": the organisation met before whose name has the noun, else the latest one.
    if (definite && core.length <= 3 && ORGANISATION_WORDS.has(noun) && common) {
      const re = new RegExp(`\\b${noun}\\b`, 'i');
      const org =
        this.latestMention(
          at,
          (id) => this.label(id) === 'Organisation' && re.test(this.table.get(id)?.name ?? ''),
          3000,
        ) ??
        this.latestSubject(at, (id) => this.label(id) === 'Organisation' && !this.table.get(id)?.unnamed) ??
        this.latestMention(
          at,
          (id) => this.label(id) === 'Organisation' && !this.table.get(id)?.unnamed,
          1500,
        );
      if (org) return this.named(org.entity, 'organisation', 0.7);
    }

    // A role or a group: a definite role met before with a name, else an unnamed speaker.
    if (headWord && common && (ROLE_NOUNS.has(noun) || this.groupNoun(headWord))) {
      if (definite && ws.length <= 3 && ROLE_NOUNS.has(noun)) {
        const known = this.roleHolder(noun, at);
        if (known) return this.named(known, 'role', 0.8);
      }
      return this.unnamed(trimmed, noun, mentions, at);
    }

    // A capitalised name that no stage labelled, found speaking.
    const name = this.pending.find((p) => p.end === trimmed.end && p.start >= trimmed.start);
    if (name) {
      const n = words(this.text, name.start, name.end);
      const organisation = n.some((w) => ORGANISATION_WORDS.has(w.text.toLowerCase())) || n.length > 3;
      const id = this.table.add({
        name: name.name,
        label: organisation ? 'Organisation' : 'Person',
        link: null,
        candidates: [],
        location: null,
        unnamed: null,
        method: 'speaker:name',
        confidence: 0.5,
      });
      this.table.mention(id, name, 'speaker:name', 0.5);
      return this.named(id, 'named', 0.6);
    }
    return null;
  }

  /** Whether a word heads a group of people that can speak ("farmers", "parents' groups", "shop owners"). */
  private groupNoun(w: { text: string; start: number }): boolean {
    const tags = this.tags?.get(w.start);
    if (!tags) return false;
    return (
      tags.has('Plural') && tags.has('Noun') && !DOCUMENT_NOUNS.has(w.text.toLowerCase().replace(/s$/, ''))
    );
  }

  /** "X’s spokesman Y": the organisation X when the phrase puts a speaking role between it and the head. */
  private possessor(head: ProposedMention, mentions: ProposedMention[]): string | null {
    for (const m of mentions) {
      if (m.end > head.start) break;
      const label = this.label(m.entity);
      if (label === 'Person' || label === 'Event') continue;
      const between = this.text.slice(m.end, head.start).toLowerCase();
      const roles = between.match(/\p{L}+/gu) ?? [];
      if (roles.some((w) => SPEAKING_ROLES.has(w))) return m.entity;
    }
    return null;
  }

  /**
   * The person met before `at` with `role` written just before or after their name, else the first one
   * named so soon after: a lede's "…, its leader said" is named in the next paragraph.
   */
  private roleHolder(role: string, at: number): string | null {
    const re = new RegExp(`\\b${role}\\b`, 'i');
    let best: ProposedMention | null = null;
    let next: ProposedMention | null = null;
    for (const m of this.table.mentions) {
      if (this.label(m.entity) !== 'Person' || this.table.get(m.entity)?.unnamed) continue;
      const before = this.text.slice(Math.max(0, m.start - 40), m.start);
      const after = this.text.slice(m.end, m.end + 40);
      const near =
        re.test(before.split(/[.;:!?\n]/).pop() ?? '') || re.test(/^,[^,.;]*/.exec(after)?.[0] ?? '');
      if (!near) continue;
      if (m.end <= at && (!best || m.start > best.start)) best = m;
      if (m.start > at && m.start - at < 400 && (!next || m.start < next.start)) next = m;
    }
    return (best ?? next)?.entity ?? null;
  }

  /** An unnamed speaker for a role phrase, with the organisation it names or implies. */
  private unnamed(span: Span, role: string, mentions: ProposedMention[], at: number): Speaker {
    const phrase = this.text.slice(span.start, span.end);
    const start = span.start + (ARTICLES.exec(phrase)?.[0].length ?? 0);
    const description = this.text.slice(start, span.end);
    let organisation = mentions.find((m) => this.label(m.entity) === 'Organisation')?.entity ?? null;
    if (!organisation) {
      const nouns = (description.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) =>
        ORGANISATION_WORDS.has(w),
      );
      for (const noun of nouns) {
        const re = new RegExp(`\\b${noun}\\b`, 'i');
        const found = this.latestMention(
          at,
          (id) => this.label(id) === 'Organisation' && re.test(this.table.get(id)?.name ?? ''),
          5000,
        );
        if (found) {
          organisation = found.entity;
          break;
        }
      }
    }
    const id = this.table.add({
      name: description,
      label: 'Person',
      link: null,
      candidates: [],
      location: null,
      unnamed: { description, organisation },
      method: 'unnamed',
      confidence: 0.7,
    });
    this.table.mention(id, { start, end: span.end }, 'unnamed', 0.7);
    const onBehalfOf = organisation && SPOKESMAN.test(role) ? [organisation] : [];
    return { id, method: 'unnamed', confidence: 0.75, onBehalfOf };
  }
}

/**
 * Named people's organisations, from the roles the text gives them: "Artsakh’s presidential spokesman
 * David Babayan", "Kremlin spokesman Dmitry Peskov", "the spokesman for X, Y", "Y, a spokesman for X".
 * Only speaking roles (spokesman, minister, ambassador…) count: those people speak for it.
 */
export function affiliations(text: string, table: EntityTable): Map<string, string> {
  const out = new Map<string, string>();
  const sorted = [...table.mentions].sort((a, b) => a.start - b.start);
  const label = (id: string) => table.get(id)?.label;
  const isOrg = (m: ProposedMention) => label(m.entity) !== 'Event' && !table.get(m.entity)?.unnamed;
  const roleWords = (s: string) =>
    (s.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => SPEAKING_ROLES.has(w));
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted[i] as ProposedMention;
    if (label(m.entity) !== 'Person' || out.has(m.entity) || table.get(m.entity)?.unnamed) continue;
    const prev = sorted[i - 1];
    const next = sorted[i + 1];
    // X’s (presidential) spokesman Y / X spokesman Y / spokesman for X, Y
    if (prev && isOrg(prev)) {
      const between = text.slice(prev.end, m.start);
      if (between.length < 45 && !/[.;:!?\n“”"]/.test(between) && roleWords(between).length > 0) {
        out.set(m.entity, prev.entity);
        continue;
      }
    }
    // Y, (the) spokesman for X
    if (next && isOrg(next)) {
      const between = text.slice(m.end, next.start);
      if (
        /^,\s/.test(between) &&
        between.length < 45 &&
        !/[.;:!?\n“”"]/.test(between) &&
        roleWords(between).length > 0
      ) {
        out.set(m.entity, next.entity);
      }
    }
  }
  return out;
}
