/**
 * link / unlink between existing nodes, for the (type, from, to) combinations that mean something, and
 * deleteNode with its rules. Relationship types come from RULES only, never from input.
 */
import type { Database, Row, TxRun } from '../../db/database.js';
import { badInput, userError } from '../../errors.js';
import { typeOfKey } from '../../model/keys.js';
import { datePropertiesOf, type PartialDate, parseDateRange } from '../../model/partialDate.js';
import type { EntityLabel } from '../../model/records.js';
import { type LinkType, PARTICIPATION_ROLES } from '../../model/vocabulary.js';
import {
  type Changed,
  DELETED_ENTITY_VIEW,
  linkView,
  MENTIONS_VIEW,
  observed,
  STATEMENT_VIEW,
  type Written,
} from './snapshot.js';
import { type EvidenceInput, type ResolvedEvidence, resolveAllEvidence } from './statements.js';
import { checkRefs, checkText, PART_OF_DEPTH, type Ref } from './validate.js';

export interface LinkInput {
  from: string;
  to: string;
  type: LinkType;
  role?: string | null;
  since?: string | null;
  until?: string | null;
  evidence?: readonly EvidenceInput[] | null;
}

type Label = EntityLabel | 'Source';
export type Endpoints = { from: Label; to: Label };

/** Which labels each relationship type may join, and whether it carries a role. */
const RULES: Record<
  LinkType,
  { from: Label[]; to: Label[]; sameLabel?: boolean; role?: 'optional' | 'required' }
> = {
  AFFILIATED_WITH: { from: ['Person', 'Organisation'], to: ['Organisation'], role: 'optional' },
  BASED_IN: { from: ['Organisation'], to: ['Place'] },
  LOCATED_IN: { from: ['Person', 'Organisation'], to: ['Place'] },
  PART_OF: {
    from: ['Place', 'Organisation', 'Event'],
    to: ['Place', 'Organisation', 'Event'],
    sameLabel: true,
  },
  PARTICIPATED_IN: { from: ['Person', 'Organisation'], to: ['Event'], role: 'required' },
  OCCURRED_IN: { from: ['Event'], to: ['Place'] },
  MENTIONS: { from: ['Source'], to: ['Person', 'Organisation', 'Place', 'Event'] },
};

// Labels and types come from RULES (checked by checkCombination), never from input. `p` is where the
// keys come from: parameters (`$`), or a row (`r.`).
const endpoints = (labels: { from: string; to: string }, p = '$') =>
  `MATCH (a:${labels.from} {key: ${p}from}) MATCH (b:${labels.to} {key: ${p}to})`;

// Identity is (from, type, to, role), and for MENTIONS (from, to, start, end): linking twice changes nothing.
// One statement per type, one row of `$rows` per link (a mutation writes one, the dataset loader many):
// the ends, checked before, are found by the label their keys are unique under, so that links of one
// type between any labels share the statement.
const lookupLabel = (labels: readonly Label[]) => (labels.includes('Source') ? 'Source' : 'Entity');
const linkCypher = (type: LinkType) => {
  const ends = endpoints({ from: lookupLabel(RULES[type].from), to: lookupLabel(RULES[type].to) }, 'r.');
  return type === 'MENTIONS'
    ? `UNWIND $rows AS r ${ends} UNWIND r.evidence AS e MERGE (a)-[x:MENTIONS {start: e.start, end: e.end}]->(b) RETURN x { .* } AS props`
    : `UNWIND $rows AS r ${ends}
       MERGE (a)-[x:${type} {role: coalesce(r.role, '')}]->(b)
       SET x += r.props
       RETURN x { .* } AS props`;
};

const unlinkCypher = (type: LinkType, labels: Endpoints) => `
  ${endpoints(labels)}
  MATCH (a)-[r:${type}]->(b)
  WHERE ($role IS NULL OR r.role = $role)
    AND ($starts IS NULL OR r.start IN $starts)
  DELETE r
  RETURN count(r) AS deleted`;

const PART_OF_CYCLE = `MATCH (b:Entity {key: $to}) RETURN EXISTS { (b)-[:PART_OF*0..${PART_OF_DEPTH}]->(:Entity {key: $from}) } AS cycle`;

export interface LinkResult {
  type: LinkType;
  from: { label: Label; key: string };
  to: { label: Label; key: string };
  properties: Record<string, unknown>;
}

// Statements are linked by their own mutations, never by `link`.
const labelOfKey = (key: string): Label | undefined => {
  const type = typeOfKey(key);
  return type === 'Statement' || type === null ? undefined : type;
};

function checkCombination(input: LinkInput): Endpoints {
  const rule = RULES[input.type];
  const from = labelOfKey(input.from);
  const to = labelOfKey(input.to);
  if (!from || !to || !rule.from.includes(from) || !rule.to.includes(to) || (rule.sameLabel && from !== to)) {
    throw badInput(
      `${input.type} cannot join ${from ?? input.from} to ${to ?? input.to}: it joins ${rule.from.join('/')} to ${rule.to.join('/')}${rule.sameLabel ? ' of the same type' : ''}`,
      { argument: 'type' },
    );
  }
  if (input.role != null && !rule.role) throw badInput(`${input.type} takes no role`, { argument: 'role' });
  if (rule.role === 'required' && !(PARTICIPATION_ROLES as readonly string[]).includes(input.role ?? '')) {
    throw badInput(`${input.type} needs a role, one of ${PARTICIPATION_ROLES.join(', ')}`, {
      argument: 'role',
    });
  }
  return { from, to };
}

/** A link that passed every check needing no graph. */
export interface PreparedLink {
  input: LinkInput;
  labels: Endpoints;
  role: string | null;
  since: PartialDate | null;
  until: PartialDate | null;
  /** Its ends and evidence sources, which must exist when it is written. */
  refs: Ref[];
}

/** The row of the link statement a link writes. */
export interface LinkRow {
  from: string;
  to: string;
  role: string | null;
  props: Record<string, unknown>;
  evidence: { start: number; end: number }[];
}

/** The checks of `link` that need no graph. */
export function prepareLink(input: LinkInput): PreparedLink {
  const labels = checkCombination(input);
  if (input.type === 'PART_OF' && input.from === input.to)
    throw badInput('PART_OF cannot join a node to itself', { argument: 'to' });
  if (input.type === 'MENTIONS' && !input.evidence?.length) {
    throw badInput('MENTIONS needs evidence: where the source mentions the entity', { argument: 'evidence' });
  }
  const { start: since, end: until } = parseDateRange(input.since, input.until, ['since', 'until']);
  if ((since || until) && input.type !== 'AFFILIATED_WITH') {
    throw badInput('since and until belong to AFFILIATED_WITH only', { argument: 'since' });
  }
  const role = input.role == null ? null : checkText(input.role, 'role', 200);
  const refs = [
    { key: input.from, labels: [labels.from], argument: 'from' },
    { key: input.to, labels: [labels.to], argument: 'to' },
    ...(input.evidence ?? []).map((e, i) => ({
      key: e.source,
      labels: ['Source'],
      argument: `evidence[${i}].source`,
    })),
  ];
  return { input, labels, role, since, until, refs };
}

/** The PART_OF rule of `link`, once `to` was found to lie inside `from`. */
export const partOfLinkCycleError = (from: string, to: string) =>
  badInput(`PART_OF: "${to}" lies inside "${from}"; that would make a cycle`, { argument: 'to' });

/** The row a link writes, from its evidence resolved against the source texts. */
export function linkRow(link: PreparedLink, evidence: readonly ResolvedEvidence[]): LinkRow {
  const { input } = link;
  if (input.type === 'MENTIONS' && evidence.some((e) => e.sourceKey !== input.from)) {
    throw badInput('MENTIONS evidence must point into the mentioning source itself', {
      argument: 'evidence',
    });
  }
  return {
    from: input.from,
    to: input.to,
    role: link.role,
    props: {
      ...datePropertiesOf('since', link.since),
      ...datePropertiesOf('until', link.until),
      evidenceSources: evidence.map((e) => e.sourceKey),
      evidenceStarts: evidence.map((e) => e.start),
      evidenceEnds: evidence.map((e) => e.end),
    },
    evidence: evidence.map((e) => ({ start: e.start, end: e.end })),
  };
}

/** Writes links of one type, one row each, in one statement. */
export function writeLinks(run: TxRun, type: LinkType, rows: readonly LinkRow[]): Promise<Row[]> {
  return run('merge', linkCypher(type), { rows });
}

/** Creates (or finds) one relationship between existing nodes; evidence offsets are checked like statements'. */
export async function link(db: Database, input: LinkInput): Promise<Written<LinkResult>> {
  const prepared = prepareLink(input);
  const { labels } = prepared;
  return db.write(`link.${input.type}`, async (run) => {
    await checkRefs(run, prepared.refs);
    if (input.type === 'PART_OF') {
      const [row] = await run('cycle', PART_OF_CYCLE, { from: input.from, to: input.to });
      if (row?.cycle) throw partOfLinkCycleError(input.from, input.to);
    }
    const evidence = await resolveAllEvidence(run, input.evidence ?? []);
    const { result: rows, changed } = await observed(
      run,
      [input.from],
      linkView(input.type, labels.from),
      () => writeLinks(run, input.type, [linkRow(prepared, evidence)]),
    );
    return {
      record: {
        type: input.type,
        from: { label: labels.from, key: input.from },
        to: { label: labels.to, key: input.to },
        properties: (rows[0]?.props as Record<string, unknown>) ?? {},
      },
      changed,
    };
  });
}

/** Removes matching relationships (of that role, or those evidence offsets, when given); true if any went. */
export async function unlink(db: Database, input: LinkInput): Promise<Written<boolean>> {
  const labels = checkCombination(input);
  return db.write(`unlink.${input.type}`, async (run) => {
    const { result: rows, changed } = await observed(
      run,
      [input.from],
      linkView(input.type, labels.from),
      () =>
        run('delete', unlinkCypher(input.type, labels), {
          from: input.from,
          to: input.to,
          role: input.role ?? null,
          starts: input.evidence?.length ? input.evidence.map((e) => e.start ?? -1) : null,
        }),
    );
    return { record: Number(rows[0]?.deleted ?? 0) > 0, changed };
  });
}

const ENTITY_REFERENCES = `
  MATCH (n:Entity {key: $key})
  RETURN count { (n)<-[:SAID_BY|ON_BEHALF_OF|ADDRESSED_TO|ABOUT]-(:Statement) } AS statements`;

const DELETE_ENTITY = 'MATCH (n:Entity {key: $key}) DETACH DELETE n RETURN count(*) AS deleted';

// Statements reported only by this source go with it; those also reported elsewhere keep their other evidence.
const DELETE_SOURCE = `
  MATCH (src:Source {key: $key})
  OPTIONAL MATCH (s:Statement)-[:REPORTED_IN]->(src)
    WHERE NOT EXISTS { (s)-[:REPORTED_IN]->(other:Source) WHERE other <> src }
  DETACH DELETE s
  WITH DISTINCT src
  DETACH DELETE src
  RETURN count(*) AS deleted`;

const DELETE_STATEMENT = 'MATCH (n:Statement {key: $key}) DETACH DELETE n RETURN count(*) AS deleted';

const SOLELY_REPORTED = `
  MATCH (src:Source {key: $key})<-[:REPORTED_IN]-(s:Statement)
  WHERE NOT EXISTS { (s)-[:REPORTED_IN]->(other:Source) WHERE other <> src }
  RETURN collect(DISTINCT s.key) AS keys`;

/** Deletes a node by type and key under the rules above; throws NOT_FOUND or CONFLICT instead of deleting. */
export async function deleteNode(db: Database, type: string, key: string): Promise<Written<boolean>> {
  return db.write('deleteNode', async (run) => {
    let deleted: number;
    let changed: Changed[] = [];
    const count = (rows: Row[]) => Number(rows[0]?.deleted ?? 0);
    if (type === 'Source') {
      // The statements that go with it are told to the entities they linked.
      const [solely] = await run('statements', SOLELY_REPORTED, { key });
      const statements = (solely?.keys as string[] | undefined) ?? [];
      // Its mentions go too: the entities they name are told.
      const mentions = await observed(run, [key], MENTIONS_VIEW, () =>
        observed(run, statements, STATEMENT_VIEW, () => run('source', DELETE_SOURCE, { key })),
      );
      deleted = count(mentions.result.result);
      changed = [...mentions.changed, ...mentions.result.changed];
    } else if (type === 'Statement') {
      const observation = await observed(run, [key], STATEMENT_VIEW, () =>
        run('statement', DELETE_STATEMENT, { key }),
      );
      deleted = count(observation.result);
      changed = observation.changed;
    } else {
      const [refs] = await run('references', ENTITY_REFERENCES, { key });
      const statements = Number(refs?.statements ?? 0);
      if (statements > 0) {
        throw userError(
          'CONFLICT',
          `${key} is referred to by ${statements} statement(s); delete or change them first`,
          {
            statements,
          },
        );
      }
      if (refs) {
        const observation = await observed(run, [key], DELETED_ENTITY_VIEW, () =>
          run('entity', DELETE_ENTITY, { key }),
        );
        deleted = count(observation.result);
        changed = observation.changed;
      } else deleted = 0;
    }
    if (deleted === 0) throw userError('NOT_FOUND', `nothing to delete: no ${type} has key "${key}"`);
    return { record: true, changed };
  });
}
