/**
 * Drafts in the graph. `ingestArticle` keeps an article and its extraction as a Draft node (the text,
 * the source it will become, and the proposals as JSON, keyed by the text's hash, so the same text gives
 * the same draft). Nothing of a draft is a Source, Entity, Statement or MENTIONS link until an editor
 * accepts some of it, so no public read sees it. Review runs in one write transaction per call: the draft
 * is locked (its version bumped first, so two editors take turns), what accepting needs is written
 * through the mutations' own prepare/check/write functions, and the draft is saved with the outcome —
 * all of it commits, or none does.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Database, Row, TxRun } from '../db/database.js';
import { badInput, isGraphQLError, notFound, userError } from '../errors.js';
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
import { scoreName } from '../ingest/lookup.js';
import { ExtractionThread } from '../ingest/thread.js';
import type { Extraction } from '../ingest/types.js';
import { prefixOf, slugOf } from '../model/keys.js';
import type { EntityRecord, StatementRecord } from '../model/records.js';
import { graphLookup, lookupWith } from './ingest.js';
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
  linkView,
  MENTIONS_VIEW,
  observed,
  STATEMENT_VIEW,
  UPSERT_VIEW,
  type Written,
} from './writes/snapshot.js';
import {
  checkSourceText,
  type PreparedSource,
  prepareSource,
  prepareStatement,
  resolveEvidenceIn,
  STATEMENT_EXISTS,
  sourceTexts,
  statementRow,
  writeSources,
  writeStatements,
} from './writes/statements.js';
import { CONTROL_CHARACTERS, checkRefs, checkText, lookupLabels, type Ref } from './writes/validate.js';

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

/** The source a draft's article becomes once something of it is accepted (ADD_SOURCE's row). */
export type ArticleSource = Omit<PreparedSource, 'refs'>;

/** A draft as stored. */
export interface DraftRecord {
  key: string;
  status: DraftStatus;
  created: string;
  /** The article's text, which evidence offsets point into. */
  text: string;
  source: ArticleSource;
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

/** A draft node as a map, for toDraft. */
const draftMap = (v: string) =>
  `${v} { .key, .status, .text, .source, .content, created: toString(${v}.created) }`;
export const DRAFT_PROJECTION = draftMap('n');
const DRAFT_MAP = draftMap('d');

/** A draft as read (a row's `draft` map, or the map itself). */
export const toDraft = (row: Row): DraftRecord => {
  const d = (row.draft ?? row) as Row;
  return {
    key: d.key as string,
    status: d.status as DraftStatus,
    created: d.created as string,
    text: d.text as string,
    source: JSON.parse(d.source as string) as ArticleSource,
    content: JSON.parse(d.content as string) as DraftContent,
  };
};

const FIND_DRAFT = `MATCH (d:Draft {key: $key}) RETURN ${DRAFT_MAP} AS draft`;

// `created` tells this transaction's draft from one another made first (datetime() is fixed per
// statement); `sortKey` (milliseconds, 13 digits, then the key) orders the list of drafts by its index.
const CREATE_DRAFT = `
  MERGE (d:Draft {key: $key})
    ON CREATE SET d.status = $status, d.text = $text, d.source = $source, d.content = $content,
                  d.created = datetime(), d.version = 0,
                  d.sortKey = right('000000000000' + toString(datetime().epochMillis), 13) + '|' + $key
  RETURN ${DRAFT_MAP} AS draft, d.created = datetime() AS created`;

// Bumping the version first takes the draft's write lock: concurrent reviews of one draft take turns.
const LOCK_DRAFT = `
  MATCH (d:Draft {key: $key})
  SET d.version = d.version + 1
  RETURN ${DRAFT_MAP} AS draft`;

const SAVE_DRAFT = `
  MATCH (d:Draft {key: $key})
  SET d.content = $content, d.status = $status, d.updated = datetime()
  RETURN ${DRAFT_MAP} AS draft`;

const KNOWN_STATEMENTS = `
  UNWIND $speakers AS speaker
  CALL (speaker) {
    MATCH (:Entity {key: speaker})<-[:SAID_BY]-(s:Statement)
    RETURN s ORDER BY s.dateOrder DESC, s.sortKey LIMIT ${KNOWN_PER_SPEAKER}
  }
  RETURN speaker, s.key AS key, s.text AS text,
         [(s)-[:REPORTED_IN]->(src:Source) | src { .key, .url }] AS sources`;

const ENTITY_NAMES = 'UNWIND $keys AS key MATCH (n:Entity {key: key}) RETURN key, n.name AS name';

// Which of these entity and statement keys still name a node.
const EXISTING = `
  UNWIND $keys AS key
  OPTIONAL MATCH (e:Entity {key: key}) OPTIONAL MATCH (s:Statement {key: key})
  RETURN key, e IS NOT NULL OR s IS NOT NULL AS exists`;

// New entities' keys taken first, so that two reviews creating one key cannot both believe it theirs:
// the second waits for the first and finds the key taken (the claim is removed before commit).
const CLAIM_KEYS = `
  UNWIND $keys AS key
  MERGE (n:Entity {key: key}) ON CREATE SET n.claimedBy = $claim, n.aliases = []
  RETURN key, n.claimedBy = $claim AS mine`;
const RELEASE_KEYS = 'UNWIND $keys AS key MATCH (n:Entity {key: key}) REMOVE n.claimedBy';

const SPEAKER_OF = 'MATCH (:Statement {key: $key})-[:SAID_BY]->(x) RETURN x.key AS speaker';

// Another source reporting a statement: evidence added, the statement otherwise as it was.
const ADD_EVIDENCE = `
  MATCH (s:Statement {key: $key}) MATCH (src:Source {key: $source})
  MERGE (s)-[x:REPORTED_IN {start: $start, end: $end}]->(src) SET x.excerpt = $excerpt`;

const hashOf = (value: string, length: number) =>
  createHash('sha256').update(value).digest('hex').slice(0, length);

/** The draft's key: a hash of the article's text. */
export const draftKeyOf = (text: string) => `draft/${hashOf(text, 24)}`;

/** The first line of the text, when no title is given. */
const titleOf = (input: IngestInput) =>
  input.title?.trim() || (input.text.trim().split('\n', 1)[0] ?? '').slice(0, 200).trim();

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The longest text extraction takes: at about 40 ms of CPU per 1,000 characters (measured on 2 busy
 * cores), this bounds one article to a few seconds of the extraction thread, which articles share.
 * Longer documents can still be stored with addSource.
 */
export const MAX_ARTICLE_TEXT = 100_000;

/**
 * Refuses text that is not an article: empty, too long, binary (the control characters no stored text
 * may hold, a replacement character from undecodable bytes, broken UTF-16) or in a language the engine
 * does not read.
 */
function checkArticle(input: IngestInput): void {
  if (input.text.trim().length === 0) throw badInput('text must not be empty', { argument: 'text' });
  if (input.text.length > MAX_ARTICLE_TEXT) {
    throw badInput(
      `text is longer than ${MAX_ARTICLE_TEXT} characters, the most one article may have; store longer documents with addSource`,
      { argument: 'text' },
    );
  }
  if (
    CONTROL_CHARACTERS.test(input.text) ||
    input.text.includes('\ufffd') ||
    LONE_SURROGATE.test(input.text)
  ) {
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
    sources: r.sources as KnownStatement['sources'],
  }));
}

/**
 * Keeps the article and its extraction as an open draft, or returns the draft of the same text kept
 * before (unchanged, review included). Bad input is refused before anything is written.
 */
export async function ingestArticle(
  db: Database,
  input: IngestInput,
  progress: Progress = () => {},
): Promise<{ draft: DraftRecord; created: boolean }> {
  checkArticle(input);
  const key = draftKeyOf(input.text);
  const title = titleOf(input);
  const { refs, ...source } = prepareSource({
    key: `source/${slugOf(title) || 'article'}-${hashOf(input.text, 8)}`,
    title,
    text: input.text,
    url: input.url,
    published: input.published,
    publisher: input.publisher,
    language: input.language ?? 'en',
  });
  await checkRefs((name, cypher, params) => db.read(name, cypher, params), refs);
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
    {
      key: source.key,
      url: (source.props.url as string | null) ?? null,
    },
  );
  progress(`matched ${matches.size} statements the graph already holds`);
  const content = draftOf(extracted, matches);
  const [row] = await db.write('ingestArticle', (run) =>
    run('draft', CREATE_DRAFT, {
      key,
      status: isDone(content) ? 'DONE' : 'OPEN',
      text: input.text,
      source: JSON.stringify(source),
      content: JSON.stringify(content),
    }),
  );
  const draft = toDraft(row as Row);
  progress(`stored ${draft.key}`);
  return { draft, created: row?.created === true };
}

/** A draft by key, or null. */
export async function findDraft(db: Database, key: string): Promise<DraftRecord | null> {
  const [row] = await db.read('draft', FIND_DRAFT, { key });
  return row ? toDraft(row) : null;
}

/** One review step inside the draft's transaction: it changes the draft's content and may write to the graph. */
type Step = (run: TxRun, draft: DraftRecord) => Promise<{ changed: Changed[]; added: ReviewResult['added'] }>;

/** Runs `step` on the locked draft and saves it, in one transaction. */
async function review(db: Database, name: string, key: string, step: Step): Promise<ReviewResult> {
  return db.write(name, async (run) => {
    const [row] = await run('lock', LOCK_DRAFT, { key });
    if (!row) throw notFound(`no draft has id "${key.slice(0, 100)}"`, { argument: 'draft' });
    const draft = toDraft(row);
    await reconcile(run, draft.content);
    const { changed, added } = await step(run, draft);
    const [saved] = await run('save', SAVE_DRAFT, {
      key,
      content: JSON.stringify(draft.content),
      status: isDone(draft.content) ? 'DONE' : 'OPEN',
    });
    return { record: toDraft(saved as Row), changed, added };
  });
}

/**
 * What was deleted from the graph since it was accepted or linked is pending again (an entity linked to
 * a deleted one is proposed as new), so that a review never writes a link to a node that is gone.
 */
async function reconcile(run: TxRun, content: DraftContent) {
  const keys = [
    ...content.entities.flatMap((e) => [e.accepted, e.link?.key]),
    ...content.statements.flatMap((s) => [s.accepted, s.corroborates?.key]),
  ].filter((k): k is string => typeof k === 'string');
  if (keys.length === 0) return;
  const rows = await run('existing', EXISTING, { keys: [...new Set(keys)] });
  const gone = new Set(rows.filter((r) => r.exists !== true).map((r) => r.key as string));
  if (gone.size === 0) return;
  const again = { status: 'PENDING' as const, accepted: null };
  for (const e of content.entities) {
    if (e.link && gone.has(e.link.key)) e.link = null;
    if (e.accepted && gone.has(e.accepted)) Object.assign(e, again);
  }
  const goneEntities = new Set(content.entities.filter((e) => e.status === 'PENDING').map((e) => e.id));
  for (const m of content.mentions)
    if (m.status === 'ACCEPTED' && goneEntities.has(m.entity)) Object.assign(m, again);
  for (const s of content.statements) {
    if (s.corroborates && gone.has(s.corroborates.key)) s.corroborates = null;
    if (s.accepted && gone.has(s.accepted)) Object.assign(s, again);
  }
}

/** Accepts proposals (and what they need) of a draft; all of its pending ones when `ids` is null. */
export function acceptProposals(db: Database, key: string, ids: readonly string[] | null) {
  return review(db, ids ? 'acceptProposal' : 'acceptDraft', key, (run, draft) =>
    writeAccepted(run, draft, ids),
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
  // A statement's text gets the checks addStatement gives it.
  const checked = change.text == null ? change : { ...change, text: checkText(change.text, 'text', 20_000) };
  return review(db, 'editProposal', key, async (run, draft) => {
    const checks = edit(draft.content, id, checked, draft.text);
    await checkRefs(run, checks);
    if (change.corroborates != null) {
      const [found] = await run('corroborates', STATEMENT_EXISTS, { key: change.corroborates });
      if (!found)
        throw notFound(`corroborates: no statement has key "${change.corroborates.slice(0, 100)}"`, {
          argument: 'corroborates',
        });
    }
    // An existing entity named as speaker joins the draft under its name in the graph.
    const names = checks.length ? await run('names', ENTITY_NAMES, { keys: checks.map((c) => c.key) }) : [];
    for (const { key: linked, name } of names) {
      for (const e of draft.content.entities)
        if (e.link?.key === linked && e.name === linked) e.name = name as string;
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
 * taken by another entity (or the name has no ASCII letters); unnamed speakers always get one, since two
 * "spokesmen" are never known to be the same person.
 */
async function newKeys(run: TxRun, draftKey: string, entities: readonly EntityProposal[]) {
  const suffix = (e: EntityProposal) => hashOf(`${draftKey}#${e.id}`, 8);
  const wanted = entities.map((e) => {
    const prefix = prefixOf(e.label);
    const slug = slugOf(e.unnamed ? `unnamed ${e.unnamed.description}` : e.name);
    const suffixed = `${prefix}/${slug ? `${slug}-` : ''}${suffix(e)}`;
    return { e, plain: slug ? `${prefix}/${slug}` : suffixed, suffixed };
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

/**
 * New entities the graph meanwhile holds under the same name and type (another draft accepted first)
 * are linked to them instead of being created twice.
 */
async function linkSameNames(run: TxRun, entities: EntityProposal[]) {
  const named = entities.filter((e) => !e.unnamed);
  if (named.length === 0) return;
  const found = await lookupWith(run)(named.map((e) => e.name));
  for (const e of named) {
    const same = found
      .get(e.name)
      ?.find((c) => c.entity.label === e.label && scoreName(e.name, c.entity) === 1);
    if (same) e.link = { key: same.entity.key, score: 1 };
  }
}

/** Writes new entities under fresh keys (CONFLICT if another review took one meanwhile); what changed. */
async function createEntities(run: TxRun, draftKey: string, fresh: EntityProposal[]): Promise<Changed[]> {
  if (fresh.length === 0) return [];
  const keys = await newKeys(run, draftKey, fresh);
  const upserts = fresh.map((e) => upsertOf(e, keys.get(e) as string));
  const written = await observed(
    run,
    upserts.map((u) => u.key),
    UPSERT_VIEW,
    async () => {
      const claim = randomUUID();
      const claims = await run('claim', CLAIM_KEYS, { keys: upserts.map((u) => u.key), claim });
      const lost = claims.find((c) => c.mine !== true);
      if (lost) {
        throw userError(
          'CONFLICT',
          `"${lost.key}" was created by another review meanwhile; accept again to link to it`,
          { argument: 'proposal' },
        );
      }
      const entities = await mergeEntities(run, upserts);
      await replaceEntityLinks(run, upserts);
      await run('release', RELEASE_KEYS, { keys: upserts.map((u) => u.key) });
      return entities;
    },
  );
  fresh.forEach((e, i) => {
    e.accepted = (written.result[i] as EntityRecord).key;
  });
  return written.changed;
}

/** A typed error raised while writing one proposal, naming it. */
function naming(id: string, error: unknown): unknown {
  if (!isGraphQLError(error)) return error;
  const code = (error.extensions.code as Parameters<typeof userError>[0]) ?? 'BAD_USER_INPUT';
  return userError(code, `${id}: ${error.message}`, { ...error.extensions, proposal: id });
}

/** Writes what accepting `ids` (all pending when null) needs, in the draft's transaction, and marks each proposal. */
async function writeAccepted(run: TxRun, draft: DraftRecord, ids: readonly string[] | null) {
  const { content, source } = draft;
  const plan = acceptancePlan(content, ids ?? pendingIds(content), { all: ids === null });
  for (const p of plan.dropped) p.status = 'REJECTED';
  const changed: Changed[] = [];
  const keyOf = (id: string) => content.entities.find((e) => e.id === id)?.accepted ?? null;

  // The article becomes a source with the first thing accepted (again, if it was deleted since).
  checkSourceText({ ...source, refs: [] }, (await sourceTexts(run, [source.key])).get(source.key));
  await writeSources(run, [{ ...source, refs: [] }]);

  await linkSameNames(
    run,
    plan.entities.filter((e) => !e.link),
  );
  const linked = plan.entities.filter((e) => e.link);
  await checkRefs(
    run,
    linked.map((e): Ref => ({ key: e.link?.key as string, labels: [e.label], argument: e.id })),
  );
  for (const e of linked) e.accepted = e.link?.key ?? null;
  changed.push(
    ...(await createEntities(
      run,
      draft.key,
      plan.entities.filter((e) => !e.link),
    )),
  );
  for (const e of plan.entities) e.status = 'ACCEPTED';

  // An unnamed speaker's organisation, when the text names it.
  const affiliations = plan.entities.flatMap((e) => {
    const organisation = e.unnamed?.organisation ? keyOf(e.unnamed.organisation) : null;
    return organisation && e.accepted ? [{ from: e.accepted, to: organisation }] : [];
  });
  if (affiliations.length > 0) {
    const rows = affiliations.map((a) => linkRow(prepareLink({ ...a, type: 'AFFILIATED_WITH' }), []));
    const written = await observed(
      run,
      affiliations.map((a) => a.from),
      linkView('AFFILIATED_WITH', 'Person'),
      () => writeLinks(run, 'AFFILIATED_WITH', rows),
    );
    changed.push(...written.changed);
  }

  const texts = new Map([[source.key, draft.text]]);
  const evidenceOf = (span: { start: number; end: number }) => [{ source: source.key, ...span }];
  if (plan.mentions.length > 0) {
    const rows: LinkRow[] = plan.mentions.map((m) => {
      const link = prepareLink({
        from: source.key,
        to: keyOf(m.entity) as string,
        type: 'MENTIONS',
        evidence: evidenceOf(m),
      });
      return linkRow(link, resolveEvidenceIn(texts, evidenceOf(m)));
    });
    const written = await observed(run, [source.key], MENTIONS_VIEW, () => writeLinks(run, 'MENTIONS', rows));
    changed.push(...written.changed);
    for (const m of plan.mentions) {
      m.status = 'ACCEPTED';
      m.accepted = keyOf(m.entity);
    }
  }

  const added: ReviewResult['added'] = [];
  for (const s of plan.statements) {
    try {
      added.push(...(await writeStatementProposal(run, content, s, texts, source.key, changed)));
    } catch (error) {
      throw naming(s.id, error);
    }
  }
  return { changed, added };
}

/**
 * One accepted statement: a corroboration adds its evidence to the statement it matches (which must be
 * the same speaker's); any other is written as addStatement writes it, unless the graph already holds a
 * statement under its key (the same source, span and speaker): that is never overwritten.
 */
async function writeStatementProposal(
  run: TxRun,
  content: DraftContent,
  s: StatementProposal,
  texts: ReadonlyMap<string, string>,
  sourceKey: string,
  changed: Changed[],
): Promise<ReviewResult['added']> {
  const accepted = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const e = content.entities.find((x) => x.id === id);
      return e?.status === 'ACCEPTED' && e.accepted ? [e.accepted] : [];
    });
  const reported = s.reports
    ? (content.statements.find((x) => x.id === s.reports && x.status === 'ACCEPTED')?.accepted ?? null)
    : null;
  const evidence = [{ source: sourceKey, start: s.evidence.start, end: s.evidence.end }];
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
    reports: reported,
  });
  await checkRefs(run, prepared.refs);
  const resolved = resolveEvidenceIn(texts, evidence);
  s.status = 'ACCEPTED';
  if (s.corroborates) {
    const [said] = await run('corroborated', SPEAKER_OF, { key: s.corroborates.key });
    if (said?.speaker !== speaker) {
      throw userError(
        'CONFLICT',
        `it corroborates ${s.corroborates.key}, which is ${said ? `${said.speaker}'s` : 'gone'}, not ${speaker}'s; edit corroborates to null`,
        { argument: 'proposal' },
      );
    }
    await run('evidence', ADD_EVIDENCE, { key: s.corroborates.key, source: sourceKey, ...resolved[0] });
    s.accepted = s.corroborates.key;
    return [];
  }
  const row = statementRow(prepared, resolved);
  const [taken] = await run('taken', STATEMENT_EXISTS, { key: row.key });
  if (taken) {
    throw userError(
      'CONFLICT',
      `the graph already holds a statement of this speaker at these offsets of the source (${row.key}); edit the span, or corroborates`,
      { argument: 'proposal' },
    );
  }
  const written = await observed(run, [row.key], STATEMENT_VIEW, () => writeStatements(run, [row]));
  changed.push(...written.changed);
  s.accepted = row.key;
  const [after] = written.changed;
  return after?.after ? [{ record: written.result[0] as StatementRecord, changed: after }] : [];
}
