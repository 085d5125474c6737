/**
 * Sources and statements. A source's text is fixed once stored (evidence offsets point into it); a
 * statement is idempotent on (source, start, end, speaker) of its first evidence, which its key is
 * derived from. Evidence offsets are UTF-16 code units into Source.text (JavaScript string indices).
 */
import { createHash } from 'node:crypto';
import type { Database, TxRun } from '../../db/database.js';
import { badInput, userError } from '../../errors.js';
import { datePropertiesOf, type PartialDate, parsePartialDate } from '../../model/partialDate.js';
import type { EvidenceRecord, SourceRecord, StatementRecord } from '../../model/records.js';
import { dateOrderOf, statementSortKey } from '../../model/sortKeys.js';
import { toSource, toStatement } from '../projections.js';
import { observed, STATEMENT_VIEW, type Written } from './snapshot.js';
import { checkKey, checkRefs, checkText, type Ref } from './validate.js';

export interface AddSourceInput {
  key: string;
  title: string;
  url?: string | null;
  publisher?: string | null;
  published?: string | null;
  text: string;
  language?: string | null;
}

export interface EvidenceInput {
  source: string;
  start?: number | null;
  end?: number | null;
  quote?: string | null;
}

export interface AddStatementInput {
  kind: string;
  text: string;
  speaker: string;
  onBehalfOf?: readonly string[] | null;
  addressedTo?: readonly string[] | null;
  about?: readonly string[] | null;
  date?: string | null;
  evidence: readonly EvidenceInput[];
  /** Key of the statement this one relays. */
  reports?: string | null;
}

const MAX_SOURCE_TEXT = 2_000_000;

// One row of `$rows` per source (and below, per statement): a mutation writes one, the dataset loader many.
export const ADD_SOURCE = `
  UNWIND $rows AS r
  MERGE (n:Source {key: r.key})
    ON CREATE SET n.text = r.text
  SET n += r.props
  WITH n, r
  OPTIONAL MATCH (n)-[old:PUBLISHED_BY]->(o) WHERE o.key <> r.publisher OR r.publisher IS NULL
  DELETE old
  WITH DISTINCT n, r
  CALL {
    WITH n, r
    MATCH (o:Organisation {key: r.publisher})
    MERGE (n)-[:PUBLISHED_BY]->(o)
  }
  RETURN n { .* } AS source`;

function checkUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.toString();
  } catch {
    // falls through to the error below
  }
  throw badInput(`url "${url.slice(0, 100)}" is not an http(s) URL`, { argument: 'url' });
}

/** A source that passed every check needing no graph, as the row of ADD_SOURCE. */
export interface PreparedSource {
  key: string;
  text: string;
  props: Record<string, unknown>;
  publisher: string | null;
  /** Its publisher, which must exist when it is written. */
  refs: Ref[];
}

/** The checks of `addSource` that need no graph. */
export function prepareSource(input: AddSourceInput): PreparedSource {
  const key = checkKey(input.key, 'source');
  if (input.text.trim().length === 0) throw badInput('text must not be empty', { argument: 'text' });
  if (input.text.length > MAX_SOURCE_TEXT) {
    throw badInput(`text is longer than ${MAX_SOURCE_TEXT} characters`, { argument: 'text' });
  }
  if (input.language != null && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(input.language)) {
    throw badInput(`language "${input.language.slice(0, 20)}" is not a language tag such as "en"`, {
      argument: 'language',
    });
  }
  const published = input.published == null ? null : parsePartialDate(input.published, 'published');
  const props = {
    title: checkText(input.title, 'title', 500),
    url: input.url == null ? null : checkUrl(input.url),
    language: input.language ?? null,
    ...datePropertiesOf('published', published),
  };
  return {
    key,
    text: input.text,
    props,
    publisher: input.publisher ?? null,
    refs: input.publisher ? [{ key: input.publisher, labels: ['Organisation'], argument: 'publisher' }] : [],
  };
}

/** A stored source's text is fixed: the same source again must bring the same text (`existing` is the stored one). */
export function checkSourceText(source: PreparedSource, existing: string | undefined): void {
  if (existing !== undefined && existing !== source.text) {
    throw userError(
      'CONFLICT',
      `source "${source.key}" exists with a different text; its evidence offsets point into that text`,
      {
        argument: 'text',
      },
    );
  }
}

/** Writes sources (one statement); returns them as stored. */
export async function writeSources(run: TxRun, sources: readonly PreparedSource[]): Promise<SourceRecord[]> {
  const rows = await run('merge', ADD_SOURCE, {
    rows: sources.map(({ key, text, props, publisher }) => ({ key, text, props, publisher })),
  });
  return rows.map((row) => toSource(row.source as Record<string, unknown>));
}

/** Stores a source with its full text; the same call twice changes nothing, a different text is a CONFLICT. */
export async function addSource(db: Database, input: AddSourceInput): Promise<SourceRecord> {
  const source = prepareSource(input);
  return db.write('addSource', async (run) => {
    await checkRefs(run, source.refs);
    checkSourceText(source, (await sourceTexts(run, [source.key])).get(source.key));
    const [stored] = (await writeSources(run, [source])) as [SourceRecord];
    return stored;
  });
}

/** An evidence item as stored: where in which source, and the excerpt it cuts. */
export type ResolvedEvidence = EvidenceRecord & { excerpt: string };

/** Offsets of one evidence item checked against the source text (or derived from a unique quote). */
function resolveEvidence(text: string, evidence: EvidenceInput, index: number): ResolvedEvidence {
  const argument = `evidence[${index}]`;
  let { start, end } = evidence;
  if (evidence.quote != null) {
    if (evidence.quote.length === 0) throw badInput(`${argument}.quote must not be empty`, { argument });
    const first = text.indexOf(evidence.quote);
    let occurrences = 0;
    for (let at = first; at !== -1; at = text.indexOf(evidence.quote, at + 1)) occurrences++;
    if (occurrences !== 1) {
      throw badInput(
        `${argument}.quote occurs ${occurrences} times in ${evidence.source}; it must occur exactly once (or give start and end)`,
        { argument, occurrences },
      );
    }
    if ((start != null && start !== first) || (end != null && end !== first + evidence.quote.length)) {
      throw badInput(`${argument}: start and end do not match where the quote occurs (${first})`, {
        argument,
      });
    }
    start = first;
    end = first + evidence.quote.length;
  }
  if (start == null || end == null)
    throw badInput(`${argument} needs start and end, or a quote`, { argument });
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > text.length) {
    throw badInput(
      `${argument}: offsets ${start}..${end} are not a range inside ${evidence.source} (0..${text.length}, end exclusive)`,
      { argument },
    );
  }
  return { sourceKey: evidence.source, start, end, excerpt: text.slice(start, end) };
}

/** The statement key: a hash of (source, start, end, speaker) of its first evidence. */
export function statementKey(evidence: EvidenceRecord, speaker: string): string {
  const digest = createHash('sha256').update(
    `${evidence.sourceKey}|${evidence.start}|${evidence.end}|${speaker}`,
  );
  return `statement/${digest.digest('hex').slice(0, 24)}`;
}

// A statement reported by another comes first in `$rows` (or in an earlier statement).
export const ADD_STATEMENT = `
  UNWIND $rows AS r
  MERGE (s:Statement {key: r.key})
  SET s += r.props, s.dateOrder = ${dateOrderOf('s')}
  WITH s, r
  OPTIONAL MATCH (s)-[old:SAID_BY|ON_BEHALF_OF|ADDRESSED_TO|ABOUT|REPORTED_IN|REPORTS]->(x)
    WHERE NOT (type(old) = 'REPORTED_IN' AND NOT x.key IN [e IN r.evidence | e.sourceKey])
  DELETE old
  WITH DISTINCT s, r
  CALL { WITH s, r MATCH (x:Entity {key: r.speaker}) MERGE (s)-[:SAID_BY]->(x) }
  CALL { WITH s, r UNWIND r.onBehalfOf AS k MATCH (x:Entity {key: k}) MERGE (s)-[:ON_BEHALF_OF]->(x) }
  CALL { WITH s, r UNWIND r.addressedTo AS k MATCH (x:Entity {key: k}) MERGE (s)-[:ADDRESSED_TO]->(x) }
  CALL { WITH s, r UNWIND r.about AS k MATCH (x:Entity {key: k}) MERGE (s)-[:ABOUT]->(x) }
  CALL {
    WITH s, r UNWIND r.evidence AS e MATCH (src:Source {key: e.sourceKey})
    MERGE (s)-[x:REPORTED_IN {start: e.start, end: e.end}]->(src) SET x.excerpt = e.excerpt
  }
  CALL { WITH s, r MATCH (x:Statement {key: r.reports}) MERGE (s)-[:REPORTS]->(x) }
  RETURN s { .* } AS statement`;

/** The statement with `$key`, if there is one. */
export const STATEMENT_EXISTS = 'MATCH (x:Statement {key: $key}) RETURN x.key AS key';

/** The texts of some sources, in one query, by key (a missing source is simply absent). */
export async function sourceTexts(run: TxRun, keys: readonly string[]): Promise<Map<string, string>> {
  const rows = await run(
    'sourceTexts',
    'UNWIND $keys AS key MATCH (n:Source {key: key}) RETURN key, n.text AS text',
    {
      keys: [...new Set(keys)],
    },
  );
  return new Map(rows.map((r) => [r.key as string, r.text as string]));
}

/** Every evidence item checked against (or derived from) the text of its source in `texts`. */
export function resolveEvidenceIn(
  texts: ReadonlyMap<string, string>,
  items: readonly EvidenceInput[],
): ResolvedEvidence[] {
  return items.map((e, i) => resolveEvidence(texts.get(e.source) ?? '', e, i));
}

/** Every evidence item checked against (or derived from) its source's text, read in one query. */
export async function resolveAllEvidence(run: TxRun, items: readonly EvidenceInput[]) {
  const texts = await sourceTexts(
    run,
    items.map((e) => e.source),
  );
  return resolveEvidenceIn(texts, items);
}

/** A statement that passed every check needing no graph. */
export interface PreparedStatement {
  input: AddStatementInput;
  text: string;
  date: PartialDate | null;
  links: { onBehalfOf: string[]; addressedTo: string[]; about: string[] };
  /** The entities and sources it names, which must exist when it is written. */
  refs: Ref[];
}

/** The row of ADD_STATEMENT a statement writes. */
export interface StatementRow {
  key: string;
  props: Record<string, unknown>;
  speaker: string;
  onBehalfOf: string[];
  addressedTo: string[];
  about: string[];
  evidence: ResolvedEvidence[];
  reports: string | null;
}

/** The checks of `addStatement` that need no graph. */
export function prepareStatement(input: AddStatementInput): PreparedStatement {
  const text = checkText(input.text, 'text', 20_000);
  if (input.evidence.length === 0)
    throw badInput('evidence must name at least one place in a source', { argument: 'evidence' });
  if (input.evidence.length > 50)
    throw badInput('evidence holds more than 50 items', { argument: 'evidence' });
  const date = input.date == null ? null : parsePartialDate(input.date, 'date');
  const unique = (keys: readonly string[] | null | undefined) => [...new Set(keys ?? [])];
  const links = {
    onBehalfOf: unique(input.onBehalfOf),
    addressedTo: unique(input.addressedTo),
    about: unique(input.about),
  };
  const entity = (argument: string, labels: string[]) => (key: string) => ({ key, labels, argument });
  const refs: Ref[] = [
    entity('speaker', ['Person', 'Organisation'])(input.speaker),
    ...links.onBehalfOf.map(entity('onBehalfOf', ['Person', 'Organisation'])),
    ...links.addressedTo.map(entity('addressedTo', ['Person', 'Organisation'])),
    ...links.about.map(entity('about', ['Entity'])),
    ...input.evidence.map((e, i) => ({
      key: e.source,
      labels: ['Source'],
      argument: `evidence[${i}].source`,
    })),
  ];
  return { input, text, date, links, refs };
}

/** The error when the statement `reports` names does not exist. */
const reportsNotFound = (reports: string) =>
  userError('NOT_FOUND', `reports: no statement has id for "${reports}"`, { argument: 'reports' });

/** The row a statement writes, from its evidence resolved against the source texts: its key comes from these. */
export function statementRow(
  statement: PreparedStatement,
  evidence: readonly ResolvedEvidence[],
): StatementRow {
  const { input } = statement;
  const first = evidence[0] as EvidenceRecord;
  const key = statementKey(first, input.speaker);
  if (input.reports === key) throw badInput('a statement cannot report itself', { argument: 'reports' });
  return {
    key,
    props: {
      kind: input.kind,
      text: statement.text,
      sortKey: statementSortKey(first.sourceKey, first.start, key),
      ...datePropertiesOf('date', statement.date),
    },
    speaker: input.speaker,
    ...statement.links,
    evidence: [...evidence],
    reports: input.reports ?? null,
  };
}

/** Writes statements with their links and evidence (one statement); returns them as stored. */
export async function writeStatements(run: TxRun, rows: readonly StatementRow[]): Promise<StatementRecord[]> {
  const stored = await run('merge', ADD_STATEMENT, { rows });
  return stored.map((row) => toStatement(row.statement as Record<string, unknown>));
}

/**
 * Adds (or, for the same source, offsets and speaker, updates) a statement with its links and evidence;
 * what changed says whether it is new (no `before`) and which links it gained or lost.
 */
export async function addStatement(
  db: Database,
  input: AddStatementInput,
): Promise<Written<StatementRecord>> {
  const statement = prepareStatement(input);
  return db.write('addStatement', async (run) => {
    await checkRefs(run, statement.refs);
    if (input.reports != null) {
      const [found] = await run('reports', STATEMENT_EXISTS, {
        key: input.reports,
      });
      if (!found) throw reportsNotFound(input.reports);
    }
    const evidence = await resolveAllEvidence(run, input.evidence);
    const row = statementRow(statement, evidence);
    const { result, changed } = await observed(run, [row.key], STATEMENT_VIEW, () =>
      writeStatements(run, [row]),
    );
    return { record: result[0] as StatementRecord, changed };
  });
}
