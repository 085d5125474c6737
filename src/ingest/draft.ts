/**
 * A draft: an extraction under review. Each proposal (entity e1…, mention m1…, statement s1…) is
 * PENDING until an editor accepts or rejects it; an accepted one names what it became in the graph.
 * The rules of review live here, without a database: what accepting a proposal must accept with it
 * (a statement needs its speaker), what may be edited, and when a draft is done.
 */
import { badInput, notFound, userError } from '../errors.js';
import { typeOfKey } from '../model/keys.js';
import type { EntityLabel, Extraction, ProposedEntity, ProposedMention, ProposedStatement } from './types.js';

export type ProposalStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED';

/** What review adds to every proposal: its status, and the key it became (or was linked to) once accepted. */
export interface Reviewed {
  status: ProposalStatus;
  accepted: string | null;
}

/** An existing statement a proposed one says again (another source reporting it), with how alike they are. */
export interface Corroboration {
  key: string;
  score: number;
}

export type EntityProposal = ProposedEntity & Reviewed;
export type MentionProposal = ProposedMention & { id: string } & Reviewed;
export type StatementProposal = ProposedStatement & { corroborates: Corroboration | null } & Reviewed;

/** Everything a draft proposes, as stored. */
export interface DraftContent {
  entities: EntityProposal[];
  mentions: MentionProposal[];
  statements: StatementProposal[];
}

const PENDING: Reviewed = { status: 'PENDING', accepted: null };

/** A new draft of an extraction; `corroborations` maps statement ids to the existing statement each says again. */
export function draftOf(
  extraction: Extraction,
  corroborations: ReadonlyMap<string, Corroboration> = new Map(),
): DraftContent {
  return {
    entities: extraction.entities.map((e) => ({ ...e, ...PENDING })),
    mentions: extraction.mentions.map((m, i) => ({ id: `m${i + 1}`, ...m, ...PENDING })),
    statements: extraction.statements.map((s) => ({
      ...s,
      corroborates: corroborations.get(s.id) ?? null,
      ...PENDING,
    })),
  };
}

/** True when no proposal waits for review. */
export const isDone = (draft: DraftContent) =>
  [...draft.entities, ...draft.mentions, ...draft.statements].every((p) => p.status !== 'PENDING');

type Proposal = EntityProposal | MentionProposal | StatementProposal;

/** What a proposal id names: an entity (e1…), a mention (m1…) or a statement (s1…); null for no id of ours. */
export function kindOf(id: string): 'entity' | 'mention' | 'statement' | null {
  const kind = /^([ems])\d{1,6}$/.exec(id)?.[1];
  return kind === 'e' ? 'entity' : kind === 'm' ? 'mention' : kind === 's' ? 'statement' : null;
}

const listOf = (draft: DraftContent, id: string): Proposal[] | null => {
  const kind = kindOf(id);
  if (kind === 'entity') return draft.entities;
  if (kind === 'mention') return draft.mentions;
  return kind === 'statement' ? draft.statements : null;
};

/** The proposal with this id, or NOT_FOUND. */
export function proposalOf(draft: DraftContent, id: string): Proposal {
  const found = listOf(draft, id)?.find((p) => p.id === id);
  if (!found) throw notFound(`the draft has no proposal "${id.slice(0, 40)}"`, { argument: 'proposal' });
  return found;
}

const entityOf = (draft: DraftContent, id: string) => proposalOf(draft, id) as EntityProposal;

/**
 * What accepting `ids` writes, in the order it must be written: entities (an unnamed speaker's
 * organisation before it), then mentions, then statements (one a statement reports before it). Only
 * proposals not yet accepted are listed; those the named ones need come along. A rejected entity in a
 * statement's other roles, and a relayed statement that was rejected or whose speaker was, are left out
 * of what it links. A mention of a rejected entity, or a statement whose speaker was rejected, cannot be
 * accepted (BAD_USER_INPUT: edit it or reject it) — unless `all` (acceptDraft): then it is `dropped`, to
 * be marked rejected.
 */
export function acceptancePlan(draft: DraftContent, ids: readonly string[], { all = false } = {}) {
  const entities = new Set<EntityProposal>();
  const mentions = new Set<MentionProposal>();
  const statements = new Set<StatementProposal>();
  const dropped: (MentionProposal | StatementProposal)[] = [];
  const refuse = (p: MentionProposal | StatementProposal, message: string) => {
    if (!all)
      throw badInput(`${p.id}: ${message}; edit it or reject it`, { argument: 'proposal', proposal: p.id });
    dropped.push(p);
  };
  const addEntity = (e: EntityProposal, named: boolean) => {
    if (e.status === 'ACCEPTED' || entities.has(e)) return;
    if (e.status === 'REJECTED' && !named) return;
    if (e.unnamed?.organisation) addEntity(entityOf(draft, e.unnamed.organisation), false);
    entities.add(e);
  };
  const addStatement = (s: StatementProposal, named: boolean) => {
    if (s.status === 'ACCEPTED' || statements.has(s)) return;
    if (s.status === 'REJECTED' && !named) return;
    const speaker = entityOf(draft, s.speaker);
    if (speaker.status === 'REJECTED') {
      // A statement relayed by the one named: that one is written without it.
      if (named) refuse(s, `its speaker ${speaker.id} ("${speaker.name}") was rejected`);
      return;
    }
    addEntity(speaker, false);
    for (const id of [...s.onBehalfOf, ...s.addressedTo, ...s.about]) addEntity(entityOf(draft, id), false);
    if (s.reports) addStatement(proposalOf(draft, s.reports) as StatementProposal, false);
    statements.add(s);
  };
  for (const id of ids) {
    const proposal = proposalOf(draft, id);
    const kind = kindOf(id);
    if (kind === 'entity') addEntity(proposal as EntityProposal, true);
    else if (kind === 'mention') {
      const mention = proposal as MentionProposal;
      if (mention.status === 'ACCEPTED') continue;
      const entity = entityOf(draft, mention.entity);
      if (entity.status === 'REJECTED')
        refuse(mention, `it mentions ${entity.id} ("${entity.name}"), which was rejected`);
      else {
        addEntity(entity, false);
        mentions.add(mention);
      }
    } else addStatement(proposal as StatementProposal, true);
  }
  // Entities: organisations were added before the unnamed people of them; statements: reported first.
  return { entities: [...entities], mentions: [...mentions], statements: [...statements], dropped };
}

/** Every pending proposal's id: what acceptDraft accepts. */
export const pendingIds = (draft: DraftContent) =>
  [...draft.entities, ...draft.mentions, ...draft.statements]
    .filter((p) => p.status === 'PENDING')
    .map((p) => p.id);

/** Marks a proposal rejected; one already written to the graph cannot be (CONFLICT). */
export function reject(draft: DraftContent, id: string): void {
  const proposal = proposalOf(draft, id);
  if (proposal.status === 'ACCEPTED') {
    throw userError(
      'CONFLICT',
      `${id} was accepted and is in the graph as "${proposal.accepted}"; change or delete it there`,
      { argument: 'proposal' },
    );
  }
  proposal.status = 'REJECTED';
}

/** What an editor may change in a proposal (fields left out stay). */
export interface ProposalEdit {
  /** A statement's speaker: a proposal id ("e3") or an existing entity's key. */
  speaker?: string | null;
  /** An entity's link: an existing entity's key, or null to propose it as new. */
  link?: string | null;
  /** A mention's or statement's span (UTF-16 offsets into the source text). */
  start?: number | null;
  end?: number | null;
  /** A statement's content. */
  text?: string | null;
  /** A statement's match with an existing one: null makes it a statement of its own. */
  corroborates?: string | null;
}

/** Where an edit to an existing entity must be checked against the graph: the key and the labels it may have. */
export interface KeyToCheck {
  key: string;
  labels: readonly EntityLabel[];
  argument: string;
}

const SPEAKER_LABELS: EntityLabel[] = ['Person', 'Organisation'];

/** How an entity that joined the draft as an edited statement's speaker is marked (it goes when unused). */
const JOINED = 'editor (speaker)';

/**
 * Applies an edit to a pending (or rejected: it becomes pending again) proposal of `draft`, checked
 * against the source text. An existing entity named as speaker joins the draft as a linked entity.
 * Changing a statement's speaker, words or span drops its corroboration (it may no longer say the
 * same), unless the edit names one. Returns the existing keys the edit names, for the caller to check
 * against the graph in the same transaction. An accepted proposal cannot be edited (CONFLICT).
 */
export function edit(draft: DraftContent, id: string, change: ProposalEdit, text: string): KeyToCheck[] {
  const proposal = proposalOf(draft, id);
  if (proposal.status === 'ACCEPTED') {
    throw userError('CONFLICT', `${id} was accepted and is in the graph as "${proposal.accepted}"`, {
      argument: 'proposal',
    });
  }
  // null means "none" for a link or a corroboration; for the others it gives nothing.
  const given = Object.entries(change).filter(
    ([field, v]) =>
      v !== undefined && (v !== null || field === 'link' || field === 'corroborates' || field === 'speaker'),
  );
  if (given.length === 0) throw badInput('the edit changes nothing', { argument: 'edit' });
  const kind = kindOf(id);
  const allowed =
    kind === 'entity'
      ? ['link']
      : kind === 'mention'
        ? ['start', 'end']
        : ['speaker', 'start', 'end', 'text', 'corroborates'];
  const wrong = given.find(([field]) => !allowed.includes(field));
  if (wrong) {
    throw badInput(`${wrong[0]} cannot be edited on ${id}; it takes ${allowed.join(', ')}`, {
      argument: wrong[0],
    });
  }
  const checks: KeyToCheck[] = [];
  if (kind === 'entity') {
    const entity = proposal as EntityProposal;
    if (change.link === null) entity.link = null;
    else if (change.link !== undefined) {
      entity.link = { key: change.link, score: 1 };
      checks.push({ key: change.link, labels: [entity.label], argument: 'link' });
    }
    entity.method = 'editor';
    entity.confidence = 1;
  } else {
    const spanned = proposal as MentionProposal | StatementProposal;
    const current = 'evidence' in spanned ? spanned.evidence : spanned;
    const start = change.start ?? current.start;
    const end = change.end ?? current.end;
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end <= start ||
      end > text.length
    ) {
      throw badInput(`offsets ${start}..${end} are not a range inside the source (0..${text.length})`, {
        argument: 'start',
      });
    }
    if (kind === 'statement') {
      const statement = spanned as StatementProposal;
      statement.evidence = { start, end };
      if (change.text != null) {
        if (change.text.trim() === '') throw badInput('text must not be empty', { argument: 'text' });
        statement.text = change.text.trim();
      }
      if (change.speaker === null) throw badInput('a statement needs a speaker', { argument: 'speaker' });
      if (change.speaker !== undefined) statement.speaker = speakerId(draft, change.speaker, checks);
      if (change.corroborates === null) statement.corroborates = null;
      else if (change.corroborates !== undefined)
        statement.corroborates = { key: change.corroborates, score: 1 };
      else statement.corroborates = null;
    } else {
      (spanned as MentionProposal).start = start;
      (spanned as MentionProposal).end = end;
    }
    spanned.method = 'editor';
    spanned.confidence = 1;
  }
  proposal.status = 'PENDING';
  prune(draft);
  return checks;
}

/** Drops entities that joined as a speaker and no statement names any more. */
function prune(draft: DraftContent) {
  const used = new Set(
    draft.statements.flatMap((s) => [s.speaker, ...s.onBehalfOf, ...s.addressedTo, ...s.about]),
  );
  draft.entities = draft.entities.filter((e) => e.method !== JOINED || used.has(e.id));
}

/** The draft's id for a speaker given as a proposal id or an existing entity's key (added to the draft if new to it). */
function speakerId(draft: DraftContent, speaker: string, checks: KeyToCheck[]): string {
  const speakerOf = (entity: EntityProposal) => {
    if (!SPEAKER_LABELS.includes(entity.label)) {
      throw badInput(`${speaker} is a ${entity.label}; a speaker is a Person or Organisation`, {
        argument: 'speaker',
      });
    }
    return entity.id;
  };
  if (kindOf(speaker) === 'entity') return speakerOf(entityOf(draft, speaker));
  const linked = draft.entities.find((e) => e.link?.key === speaker);
  if (linked) return speakerOf(linked);
  const label = typeOfKey(speaker);
  if (label !== 'Person' && label !== 'Organisation') {
    throw badInput(
      `speaker "${speaker.slice(0, 100)}" is neither a proposal id ("e3") nor a person's or organisation's key`,
      { argument: 'speaker' },
    );
  }
  checks.push({ key: speaker, labels: SPEAKER_LABELS, argument: 'speaker' });
  const last = Math.max(0, ...draft.entities.map((e) => Number(e.id.slice(1))));
  const entity: EntityProposal = {
    id: `e${last + 1}`,
    // The caller names it from the graph once the key is checked.
    name: speaker,
    label,
    link: { key: speaker, score: 1 },
    candidates: [],
    location: null,
    unnamed: null,
    method: JOINED,
    confidence: 1,
    ...PENDING,
  };
  draft.entities.push(entity);
  return entity.id;
}
