/**
 * Drafts in the graph. `ingestArticle` stores an article as a Source and its extraction as a Draft node
 * (the proposals as JSON, keyed by the text's hash, so the same text gives the same draft); nothing a
 * draft proposes is an Entity, Statement or MENTIONS link until accepted, so no public read sees it.
 * Review runs in one write transaction per call: the draft is locked (its version bumped first, so two
 * editors take turns), what accepting needs is written through the mutations' own prepare/check/write
 * functions, and the draft is saved with the outcome — all of it commits, or none does.
 */
import { createHash } from 'node:crypto';
import type { Database, Row, TxRun } from '../db/database.js';
import { badInput, notFound, userError } from '../errors.js';
import { corroborations, type KnownStatement } from '../ingest/corroborate.js';
import {
  acceptancePlan,
  type Corroboration,
  type DraftContent,
  draftOf,
  type EntityProposal,
  edit,
  isDone,
  type ProposalEdit,
  pendingIds,
  reject,
  type StatementProposal,
} from '../ingest/draft.js';
import { ExtractionThread } from '../ingest/thread.js';
import type { Extraction } from '../ingest/types.js';
import { prefixOf, slugOf } from '../model/keys.js';
import type { EntityRecord, StatementRecord } from '../model/records.js';
import { graphLookup } from './ingest.js';
import {
  mergeEntities,
  type PreparedUpsert,
  prepareEvent,
  prepareOrganisation,
  preparePerson,
  preparePlace,
  replaceEntityLinks,
} from './writes/entities.js';
import { type LinkRow, linkRow, prepareLink, writeLinks } from './writes/links.js';
import {
  type Changed,
  MENTIONS_VIEW,
  observed,
  STATEMENT_VIEW,
  UPSERT_VIEW,
  type Written,
} from './writes/snapshot.js';
import {
  checkSourceText,
  prepareSource,
  prepareStatement,
  resolveEvidenceIn,
  sourceTexts,
  statementRow,
  writeSources,
  writeStatements,
} from './writes/statements.js';
import { checkRefs, lookupLabels, type Ref } from './writes/validate.js';

/** What an editor or a crawler sends: the article and what is known of it. */
export interface IngestInput {
  text: string;
  title?: string | null;
  url?: string | null;
  published?: string | null;
  /** Key of an existing organisation. */
  publisher?: string | null;
  language?: string | null;
}

export type DraftStatus = 'OPEN' | 'DONE';

/** A draft as stored. */
export interface DraftRecord {
  key: string;
  status: DraftStatus;
  sourceKey: string;
  created: string;
  content: DraftContent;
}

/** A draft written, and what its write changed in the graph (for the live bus). */
export interface ReviewResult extends Written<DraftRecord> {
  /** Statements the write created, with their snapshot after it. */
  added: { record: StatementRecord; changed: Changed }[];
}

/** Steps of an ingestion, for a command that shows progress. */
export type Progress = (step: string) => void;

/** The process's extraction thread: articles are read off the event loop (ingest/thread.ts). */
const extraction = new ExtractionThread();

/** How many statements of one speaker the corroboration step compares against (newest first). */
const KNOWN_PER_SPEAKER = 200;

const DRAFT_MAP = 'd { .key, .status, .source, .content, created: toString(d.created) }';

const toDraft = (row: Row): DraftRecord => {
  const d = row.draft as Row;
  return {
    key: d.key as string,
    status: d.status as DraftStatus,
    sourceKey: d.source as string,
    created: d.created as string,
    content: JSON.parse(d.content as string) as DraftContent,
  };
};

const FIND_DRAFT = `MATCH (d:Draft {key: $key}) RETURN ${DRAFT_MAP} AS draft`;

const CREATE_DRAFT = `
  MERGE (d:Draft {key: $key})
    ON CREATE SET d.status = $status, d.source = $source, d.content = $content, d.created = datetime(), d.version = 0
  RETURN ${DRAFT_MAP} AS draft`;

const LIST_DRAFTS = `
  MATCH (d:Draft) WHERE $status IS NULL OR d.status = $status
  RETURN ${DRAFT_MAP} AS draft ORDER BY d.created DESC, d.key LIMIT $first`;

// Bumping the version first takes the draft's write lock: concurrent reviews of one draft take turns.
const LOCK_DRAFT = `
  MATCH (d:Draft {key: $key})
  SET d.version = d.version + 1
  WITH d OPTIONAL MATCH (src:Source {key: d.source})
  RETURN ${DRAFT_MAP} AS draft, src.text AS text`;

const SAVE_DRAFT = `
  MATCH (d:Draft {key: $key})
  SET d.content = $content, d.status = $status, d.updated = datetime()
  RETURN ${DRAFT_MAP} AS draft`;

const KNOWN_STATEMENTS = `
  UNWIND $speakers AS speaker
  CALL (speaker) {
    MATCH (:Entity {key: speaker})<-[:SAID_BY]-(s:Statement)
    RETURN s ORDER BY s.sortKey DESC LIMIT ${KNOWN_PER_SPEAKER}
  }
  RETURN speaker, s.key AS key, s.text AS text, [(s)-[:REPORTED_IN]->(src:Source) | src.key] AS sources`;

const ENTITY_NAMES = 'UNWIND $keys AS key MATCH (n:Entity {key: key}) RETURN key, n.name AS name';

const STATEMENT_EXISTS = 'MATCH (s:Statement {key: $key}) RETURN s.key AS key';

// Another source reporting a statement: evidence added, the statement otherwise as it was.
const ADD_EVIDENCE = `
  MATCH (s:Statement {key: $key}) MATCH (src:Source {key: $source})
  MERGE (s)-[x:REPORTED_IN {start: $start, end: $end}]->(src) SET x.excerpt = $excerpt`;

/** The draft's key: a hash of the article's text. */
export const draftKeyOf = (text: string) =>
  `draft/${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;

const hashOf = (value: string, length: number) =>
  createHash('sha256').update(value).digest('hex').slice(0, length);

/** The first line of the text, when no title is given. */
const titleOf = (input: IngestInput) =>
  input.title?.trim() || (input.text.trim().split('\n', 1)[0] ?? '').slice(0, 200).trim();

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what binary looks like
const CONTROL = /[\u0000-\u0008\u000e-\u001f\ufffd]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The longest text extraction takes: at about 40 ms of CPU per 1,000 characters (measured on 2 busy
 * cores), this bounds one article to a few seconds of the extraction thread, which articles share.
 * Longer documents can still be stored with addSource.
 */
export const MAX_ARTICLE_TEXT = 100_000;

/** Refuses text that is not an article: empty, too long, binary (control characters, broken UTF-16) or in a language the engine does not read. */
function checkArticle(input: IngestInput): void {
  if (input.text.trim().length === 0) throw badInput('text must not be empty', { argument: 'text' });
  if (input.text.length > MAX_ARTICLE_TEXT) {
    throw badInput(
      `text is longer than ${MAX_ARTICLE_TEXT} characters, the most one article may have; store longer documents with addSource`,
      { argument: 'text' },
    );
  }
  const controls = input.text.match(CONTROL)?.length ?? 0;
  if (controls > 0 || LONE_SURROGATE.test(input.text)) {
    throw badInput(
      'text is not plain text: it holds control characters or undecodable bytes (binary data?)',
      {
        argument: 'text',
      },
    );
  }
  if (input.language != null && !/^en(-|$)/i.test(input.language)) {
    throw badInput(`language "${input.language.slice(0, 20)}": the extraction reads English ("en") only`, {
      argument: 'language',
    });
  }
}

/** The publication day the date rules count from ("on Tuesday"), when the date is that precise. */
const dayOf = (published: string | null | undefined) =>
  published && /^\d{4}-\d{2}-\d{2}$/.test(published) ? published : null;

/** The statements of the linked speakers the graph holds, to match proposed ones against. */
async function knownStatements(db: Database, extraction: Extraction): Promise<KnownStatement[]> {
  const speakers = new Set(extraction.statements.map((s) => s.speaker));
  const keys = extraction.entities.flatMap((e) => (speakers.has(e.id) && e.link ? [e.link.key] : []));
  if (keys.length === 0) return [];
  const rows = await db.read('ingest.knownStatements', KNOWN_STATEMENTS, { speakers: [...new Set(keys)] });
  return rows.map((r) => ({
    key: r.key as string,
    speaker: r.speaker as string,
    text: r.text as string,
    sources: r.sources as string[],
  }));
}

/**
 * Stores the article as a source and its extraction as an open draft, or returns the draft of the same
 * text stored before (unchanged, review included). Bad input is refused before anything is written.
 */
export async function ingestArticle(
  db: Database,
  input: IngestInput,
  progress: Progress = () => {},
): Promise<{ draft: DraftRecord; created: boolean }> {
  checkArticle(input);
  const key = draftKeyOf(input.text);
  const title = titleOf(input);
  const source = prepareSource({
    key: `source/${slugOf(title) || 'article'}-${key.slice('draft/'.length, 'draft/'.length + 8)}`,
    title,
    text: input.text,
    url: input.url,
    published: input.published,
    publisher: input.publisher,
    language: input.language ?? 'en',
  });
  const [existing] = await db.read('ingest.findDraft', FIND_DRAFT, { key });
  if (existing) return { draft: toDraft(existing), created: false };
  progress('checked the article');
  const extracted = await extraction.extract({
    text: input.text,
    published: dayOf(input.published),
    lookup: graphLookup(db),
  });
  progress(
    `found ${extracted.entities.length} entities, ${extracted.mentions.length} mentions, ${extracted.statements.length} statements`,
  );
  const matches: Map<string, Corroboration> = corroborations(
    extracted,
    await knownStatements(db, extracted),
    source.key,
  );
  progress(`matched ${matches.size} statements the graph already holds`);
  const content = draftOf(extracted, matches);
  const draft = await db.write('ingestArticle', async (run) => {
    await checkRefs(run, source.refs);
    checkSourceText(source, (await sourceTexts(run, [source.key])).get(source.key));
    await writeSources(run, [source]);
    const [row] = await run('draft', CREATE_DRAFT, {
      key,
      status: isDone(content) ? 'DONE' : 'OPEN',
      source: source.key,
      content: JSON.stringify(content),
    });
    return toDraft(row as Row);
  });
  progress(`stored ${draft.key} for ${draft.sourceKey}`);
  return { draft, created: true };
}

/** A draft by key, or null. */
export async function findDraft(db: Database, key: string): Promise<DraftRecord | null> {
  const [row] = await db.read('draft', FIND_DRAFT, { key });
  return row ? toDraft(row) : null;
}

/** Drafts newest first, of one status or all. */
export async function listDrafts(db: Database, status: DraftStatus | null, first: number) {
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw badInput('first must be between 1 and 100', { argument: 'first' });
  const rows = await db.read('drafts', LIST_DRAFTS, { status, first });
  return rows.map(toDraft);
}

/** One review step inside the draft's transaction: it changes `content` and may write to the graph. */
type Step = (
  run: TxRun,
  draft: DraftRecord,
  text: string,
) => Promise<{ changed: Changed[]; added: ReviewResult['added'] }>;

/** Runs `step` on the locked draft and saves it, in one transaction. */
async function review(db: Database, name: string, key: string, step: Step): Promise<ReviewResult> {
  return db.write(name, async (run) => {
    const [row] = await run('lock', LOCK_DRAFT, { key });
    if (!row) throw notFound(`no draft has id "${key.slice(0, 100)}"`, { argument: 'draft' });
    if (typeof row.text !== 'string') {
      throw userError('CONFLICT', `the source of ${key} was deleted; its draft can no longer be accepted`, {
        argument: 'draft',
      });
    }
    const draft = toDraft(row);
    const { changed, added } = await step(run, draft, row.text);
    const [saved] = await run('save', SAVE_DRAFT, {
      key,
      content: JSON.stringify(draft.content),
      status: isDone(draft.content) ? 'DONE' : 'OPEN',
    });
    return { record: toDraft(saved as Row), changed, added };
  });
}

/** Accepts proposals (and what they need) of a draft; all of its pending ones when `ids` is null. */
export function acceptProposals(db: Database, key: string, ids: readonly string[] | null) {
  return review(db, ids ? 'acceptProposal' : 'acceptDraft', key, (run, draft, text) =>
    writeAccepted(run, draft, text, ids ?? pendingIds(draft.content)),
  );
}

/** Rejects one proposal of a draft. */
export function rejectProposal(db: Database, key: string, id: string) {
  return review(db, 'rejectProposal', key, async (_run, draft) => {
    reject(draft.content, id);
    return { changed: [], added: [] };
  });
}

/** Edits one proposal of a draft: the keys it names are checked against the graph. */
export function editProposal(db: Database, key: string, id: string, change: ProposalEdit) {
  return review(db, 'editProposal', key, async (run, draft, text) => {
    const checks = edit(draft.content, id, change, text);
    await checkRefs(run, checks);
    if (change.corroborates != null) {
      const [found] = await run('corroborates', STATEMENT_EXISTS, { key: change.corroborates });
      if (!found)
        throw notFound(`corroborates: no statement has key "${change.corroborates.slice(0, 100)}"`, {
          argument: 'corroborates',
        });
    }
    // An existing entity named as speaker joins the draft under its name in the graph.
    const names = await run('names', ENTITY_NAMES, { keys: checks.map((c) => c.key) });
    for (const { key: linked, name } of names) {
      for (const e of draft.content.entities)
        if (e.method === 'editor' && e.name === linked) e.name = name as string;
    }
    return { changed: [], added: [] };
  });
}

/** The upsert of a new entity under `key`. */
function upsertOf(e: EntityProposal, key: string): PreparedUpsert {
  const description = e.unnamed
    ? 'A speaker the source does not name; the name is how it describes them.'
    : null;
  const name = e.unnamed ? e.unnamed.description.replace(/^./, (c) => c.toUpperCase()) : e.name;
  const base = { key, name: name.slice(0, 200), description };
  if (e.label === 'Person') return preparePerson(base);
  if (e.label === 'Organisation') return prepareOrganisation({ ...base, kind: 'OTHER' });
  if (e.label === 'Place')
    return preparePlace({ ...base, kind: e.location ? 'CITY' : 'OTHER', location: e.location });
  return prepareEvent({ ...base, kind: 'OTHER' });
}

/**
 * Keys for new entities: `<type>/<slug of the name>`, or with a suffix from the draft when that key is
 * taken (the lookup did not link it, so it is taken by another entity); unnamed speakers always get one,
 * since two "spokesmen" are never known to be the same person.
 */
async function newKeys(run: TxRun, draftKey: string, entities: readonly EntityProposal[]) {
  const suffix = (e: EntityProposal) => hashOf(`${draftKey}#${e.id}`, 8);
  const wanted = entities.map((e) => {
    const prefix = prefixOf(e.label);
    const slug = slugOf(e.unnamed ? `unnamed ${e.unnamed.description}` : e.name) || 'unnamed';
    return { e, plain: `${prefix}/${slug}`, suffixed: `${prefix}/${slug}-${suffix(e)}` };
  });
  const taken = await lookupLabels(
    run,
    wanted.map((w) => w.plain),
  );
  const used = new Set<string>();
  return new Map(
    wanted.map(({ e, plain, suffixed }) => {
      const key = e.unnamed || taken.get(plain) || used.has(plain) ? suffixed : plain;
      used.add(key);
      return [e, key];
    }),
  );
}

/** Writes what accepting `ids` needs, in the draft's transaction, and marks each proposal accepted. */
async function writeAccepted(run: TxRun, draft: DraftRecord, text: string, ids: readonly string[]) {
  const { content, sourceKey } = draft;
  const plan = acceptancePlan(content, ids);
  const changed: Changed[] = [];
  const keyOf = (id: string) => content.entities.find((e) => e.id === id)?.accepted ?? null;

  // Entities: linked ones must still exist with their label; new ones are upserted.
  const linked = plan.entities.filter((e) => e.link);
  await checkRefs(
    run,
    linked.map((e): Ref => ({ key: e.link?.key as string, labels: [e.label], argument: e.id })),
  );
  for (const e of linked) e.accepted = e.link?.key ?? null;
  const fresh = plan.entities.filter((e) => !e.link);
  const keys = await newKeys(run, draft.key, fresh);
  const upserts = fresh.map((e) => upsertOf(e, keys.get(e) as string));
  if (upserts.length > 0) {
    const merged = await observed(
      run,
      upserts.map((u) => u.key),
      UPSERT_VIEW,
      async () => {
        const written = await mergeEntities(run, upserts);
        await replaceEntityLinks(run, upserts);
        return written;
      },
    );
    changed.push(...merged.changed);
    fresh.forEach((e, i) => {
      e.accepted = (merged.result[i] as EntityRecord).key;
    });
  }
  for (const e of plan.entities) e.status = 'ACCEPTED';

  // An unnamed speaker's organisation, when the text names it.
  const affiliations = plan.entities.flatMap((e) => {
    const organisation = e.unnamed?.organisation ? keyOf(e.unnamed.organisation) : null;
    return organisation && e.accepted ? [{ from: e.accepted, to: organisation }] : [];
  });
  if (affiliations.length > 0) {
    const rows = affiliations.map((a) => linkRow(prepareLink({ ...a, type: 'AFFILIATED_WITH' }), []));
    await writeLinks(run, 'AFFILIATED_WITH', rows);
  }

  const texts = new Map([[sourceKey, text]]);
  const evidenceOf = (span: { start: number; end: number }) => [{ source: sourceKey, ...span }];

  if (plan.mentions.length > 0) {
    const rows: LinkRow[] = plan.mentions.map((m) => {
      const link = prepareLink({
        from: sourceKey,
        to: keyOf(m.entity) as string,
        type: 'MENTIONS',
        evidence: evidenceOf(m),
      });
      return linkRow(link, resolveEvidenceIn(texts, evidenceOf(m)));
    });
    const written = await observed(run, [sourceKey], MENTIONS_VIEW, () => writeLinks(run, 'MENTIONS', rows));
    changed.push(...written.changed);
    for (const m of plan.mentions) {
      m.status = 'ACCEPTED';
      m.accepted = keyOf(m.entity);
    }
  }

  const added = await writeStatementProposals(run, content, plan.statements, texts, sourceKey, changed);
  return { changed, added };
}

/** Accepted statements: corroborations add evidence to the statement they match; the others are written. */
async function writeStatementProposals(
  run: TxRun,
  content: DraftContent,
  statements: readonly StatementProposal[],
  texts: ReadonlyMap<string, string>,
  sourceKey: string,
  changed: Changed[],
): Promise<ReviewResult['added']> {
  const accepted = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const e = content.entities.find((x) => x.id === id);
      return e?.status === 'ACCEPTED' && e.accepted ? [e.accepted] : [];
    });
  const statementKeyOf = (id: string | null) =>
    id ? (content.statements.find((s) => s.id === id && s.status === 'ACCEPTED')?.accepted ?? null) : null;
  const added: ReviewResult['added'] = [];
  for (const s of statements) {
    const evidence = [{ source: sourceKey, start: s.evidence.start, end: s.evidence.end }];
    const [resolved] = resolveEvidenceIn(texts, evidence);
    if (s.corroborates) {
      const [found] = await run('corroborated', STATEMENT_EXISTS, { key: s.corroborates.key });
      if (!found) {
        throw userError(
          'CONFLICT',
          `${s.id} corroborates ${s.corroborates.key}, which no longer exists; edit corroborates to null`,
          { argument: 'proposal', proposal: s.id },
        );
      }
      await run('evidence', ADD_EVIDENCE, { key: s.corroborates.key, source: sourceKey, ...resolved });
      s.accepted = s.corroborates.key;
    } else {
      const [speaker] = accepted([s.speaker]);
      const prepared = prepareStatement({
        kind: s.kind,
        text: s.text,
        speaker: speaker as string,
        onBehalfOf: accepted(s.onBehalfOf),
        addressedTo: accepted(s.addressedTo),
        about: accepted(s.about),
        date: s.date,
        evidence,
        reports: statementKeyOf(s.reports),
      });
      await checkRefs(run, prepared.refs);
      const row = statementRow(prepared, resolveEvidenceIn(texts, evidence));
      const written = await observed(run, [row.key], STATEMENT_VIEW, () => writeStatements(run, [row]));
      const [after] = written.changed;
      changed.push(...written.changed);
      if (after && !after.before && after.after)
        added.push({ record: written.result[0] as StatementRecord, changed: after });
      s.accepted = row.key;
    }
    s.status = 'ACCEPTED';
  }
  return added;
}
