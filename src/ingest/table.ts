/**
 * The working set of one extraction: entities (deduplicated by linked key, by label and name for new
 * ones, by description and organisation for unnamed ones) and their mentions. Ids given here are
 * provisional; `finish` renumbers entities by first mention and statements by evidence, so that the same
 * input always yields the same ids.
 */
import { normalise, overlaps } from './text.js';
import type { Extraction, ProposedEntity, ProposedMention, ProposedStatement, Span } from './types.js';

export type EntityDraft = Omit<ProposedEntity, 'id'>;

export class EntityTable {
  readonly entities: ProposedEntity[] = [];
  readonly mentions: ProposedMention[] = [];
  private readonly byIdentity = new Map<string, ProposedEntity>();
  private readonly byId = new Map<string, ProposedEntity>();

  /** The entity's id: an existing one when the same entity was added before. */
  add(draft: EntityDraft): string {
    const identity = identityOf(draft);
    const known = this.byIdentity.get(identity);
    if (known) {
      if (draft.confidence > known.confidence) known.confidence = draft.confidence;
      return known.id;
    }
    const entity: ProposedEntity = { id: `n${this.entities.length + 1}`, ...draft };
    this.entities.push(entity);
    this.byIdentity.set(identity, entity);
    this.byId.set(entity.id, entity);
    return entity.id;
  }

  get(id: string): ProposedEntity | undefined {
    return this.byId.get(id);
  }

  /** Records a mention (once per span). */
  mention(entity: string, span: Span, method: string, confidence: number): void {
    if (this.mentions.some((m) => m.start === span.start && m.end === span.end)) return;
    this.mentions.push({ entity, start: span.start, end: span.end, method, confidence });
  }

  /** Forgets mentions (a longer name found around them). */
  unmention(mentions: readonly ProposedMention[]): void {
    for (const m of mentions) {
      const i = this.mentions.indexOf(m);
      if (i >= 0) this.mentions.splice(i, 1);
    }
  }

  /** Mentions overlapping `span`, in text order. */
  mentionsIn(span: Span): ProposedMention[] {
    return this.mentions.filter((m) => overlaps(m, span)).sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /** Mentions of `entity`, in text order. */
  mentionsOf(entity: string): ProposedMention[] {
    return this.mentions.filter((m) => m.entity === entity).sort((a, b) => a.start - b.start);
  }

  /**
   * The final extraction: entities with at least one mention or statement role, numbered e1… by first
   * mention; statements numbered s1… by evidence; every reference rewritten.
   */
  finish(statements: ProposedStatement[]): Extraction {
    const used = new Set<string>(this.mentions.map((m) => m.entity));
    for (const s of statements) for (const id of [s.speaker, ...s.onBehalfOf, ...s.addressedTo]) used.add(id);
    for (const e of this.entities)
      if (used.has(e.id) && e.unnamed?.organisation) used.add(e.unnamed.organisation);
    const first = new Map<string, number>();
    for (const m of this.mentions) first.set(m.entity, Math.min(first.get(m.entity) ?? m.start, m.start));
    const order = this.entities
      .filter((e) => used.has(e.id))
      .map((e, creation) => ({ e, creation }))
      .sort(
        (a, b) =>
          (first.get(a.e.id) ?? Number.MAX_SAFE_INTEGER) - (first.get(b.e.id) ?? Number.MAX_SAFE_INTEGER) ||
          a.creation - b.creation,
      );
    const ids = new Map(order.map(({ e }, i) => [e.id, `e${i + 1}`]));
    const id = (old: string) => ids.get(old) ?? old;
    const entities = order.map(({ e }) => ({
      ...e,
      id: id(e.id),
      unnamed: e.unnamed
        ? { ...e.unnamed, organisation: e.unnamed.organisation && id(e.unnamed.organisation) }
        : null,
    }));
    const mentions = this.mentions
      .map((m) => ({ ...m, entity: id(m.entity) }))
      .sort((a, b) => a.start - b.start || a.end - b.end);
    const sorted = [...statements].sort(
      (a, b) =>
        a.evidence.start - b.evidence.start || a.evidence.end - b.evidence.end || a.id.localeCompare(b.id),
    );
    const sids = new Map(sorted.map((s, i) => [s.id, `s${i + 1}`]));
    const unique = (list: string[]) => [...new Set(list.map(id))];
    return {
      entities,
      mentions,
      statements: sorted.map((s) => ({
        ...s,
        id: sids.get(s.id) ?? s.id,
        speaker: id(s.speaker),
        onBehalfOf: unique(s.onBehalfOf),
        addressedTo: unique(s.addressedTo),
        about: unique(s.about),
        reports: s.reports === null ? null : (sids.get(s.reports) ?? null),
      })),
    };
  }
}

function identityOf(draft: EntityDraft): string {
  if (draft.link) return `key:${draft.link.key}`;
  if (draft.unnamed)
    return `unnamed:${normalise(draft.unnamed.description)}|${draft.unnamed.organisation ?? ''}`;
  return `new:${draft.label}|${normalise(draft.name)}`;
}
