/**
 * Upserts of people, organisations, places and events: one transaction each, idempotent on `key`.
 * An optional field left out keeps what is stored; `null` clears it. Links given as keys (basedIn,
 * partOf, places, participants) must name existing nodes of the right type, and replace the stored set.
 * Each upsert is prepared first (every check that needs no graph, and the row its write takes), then
 * written: a mutation writes one row in its own transaction, the dataset loader many rows per statement.
 */
import type { Database, TxRun } from '../../db/database.js';
import { badInput } from '../../errors.js';
import { prefixOf } from '../../model/keys.js';
import {
  checkDateOrder,
  datePropertiesOf,
  type PartialDate,
  parseDateRange,
} from '../../model/partialDate.js';
import type { EntityLabel, EntityRecord } from '../../model/records.js';
import { entitySortKey, START_ORDER } from '../../model/sortKeys.js';
import { entityMap, toEntity } from '../projections.js';
import { observed, UPSERT_VIEW, type Written } from './snapshot.js';
import { checkAliases, checkKey, checkRefs, checkText, PART_OF_DEPTH, type Ref } from './validate.js';

export interface EntityInput {
  key: string;
  name: string;
  aliases?: readonly string[] | null;
  description?: string | null;
}

export type UpsertPersonInput = EntityInput;

export interface UpsertOrganisationInput extends EntityInput {
  kind: string;
  basedIn?: string | null;
  partOf?: string | null;
}

export interface UpsertPlaceInput extends EntityInput {
  kind: string;
  location?: { latitude: number; longitude: number } | null;
  partOf?: string | null;
}

export interface UpsertEventInput extends EntityInput {
  kind: string;
  start?: string | null;
  end?: string | null;
  places?: readonly string[] | null;
  partOf?: string | null;
  participants?: readonly { entity: string; role: string }[] | null;
}

/** The link types an upsert replaces (besides its participants). */
type LinkedType = 'BASED_IN' | 'OCCURRED_IN' | 'PART_OF';

// The three statements of every entity upsert, one row of `$rows` per upsert (a mutation writes one, the
// dataset loader many, of any labels). Labels and types come from the code (EntityLabel, LinkedType),
// never from input; simple statements, because Neo4j plans each one afresh on a new server.

/** The node by key, with its label and properties (`props` holds only those given). */
const UPSERT = `
  UNWIND $rows AS r
  MERGE (n:Entity {key: r.key})
    ON CREATE SET n.aliases = []
  SET n += r.props, n:$(r.label)
  SET n.location = CASE WHEN r.setLocation THEN point(r.location) ELSE n.location END,
      n.startOrder = CASE WHEN r.label = 'Event' THEN ${START_ORDER} ELSE n.startOrder END
  RETURN ${entityMap('n')} AS entity`;

/** Replaces the outgoing links of one type from each row's node with links to its `targets`. */
const REPLACE_LINKS = `
  UNWIND $rows AS r
  MATCH (n:Entity {key: r.key})
  OPTIONAL MATCH (n)-[old:BASED_IN|OCCURRED_IN|PART_OF]->(x) WHERE type(old) = r.type AND NOT x.key IN r.targets
  DELETE old
  WITH DISTINCT n, r
  UNWIND r.targets AS target
  MATCH (x:Entity {key: target})
  MERGE (n)-[:$(r.type)]->(x)`;

/** Replaces the participants of each row's event. */
const REPLACE_PARTICIPANTS = `
  UNWIND $rows AS r
  MATCH (ev:Event {key: r.key})
  OPTIONAL MATCH (ev)<-[old:PARTICIPATED_IN]-(x)
    WHERE NOT { entity: x.key, role: old.role } IN r.participants
  DELETE old
  WITH DISTINCT ev, r
  UNWIND r.participants AS p
  MATCH (x:Entity {key: p.entity})
  MERGE (x)-[:PARTICIPATED_IN {role: p.role}]->(ev)`;

// partOf must not make a cycle: the new parent may not be the node itself or lie inside it.
const PART_OF_CYCLE = `
  MATCH (parent:Entity {key: $parent})
  RETURN EXISTS { (parent)-[:PART_OF*0..${PART_OF_DEPTH}]->(:Entity {key: $key}) } AS cycle`;

interface Upsert {
  label: EntityLabel;
  input: EntityInput;
  props?: Record<string, unknown>;
  location?: { latitude: number; longitude: number } | null;
  refs?: Ref[];
  links?: { type: LinkedType; targets: string[] | undefined }[];
  participants?: { entity: string; role: string }[];
  dates?: { start?: PartialDate | null; end?: PartialDate | null };
}

/** An upsert that passed every check needing no graph, with the parameters of its write. */
export interface PreparedUpsert {
  label: EntityLabel;
  key: string;
  /** The nodes it links to, which must exist with these labels when it is written. */
  refs: Ref[];
  /** The parent given as partOf: it may not be the entity itself, nor lie inside it. */
  partOf: string | undefined;
  /** An event's dates where given (a date left out keeps the stored one). */
  dates: { start?: PartialDate | null; end?: PartialDate | null };
  /** The link sets it replaces (those left out are kept). */
  links: { type: LinkedType; targets: string[] }[];
  participants: { entity: string; role: string }[] | undefined;
  /** Its row of the node statement. */
  row: Record<string, unknown>;
}

function checkLocation(location: { latitude: number; longitude: number }) {
  const { latitude, longitude } = location;
  if (!(latitude >= -90 && latitude <= 90))
    throw badInput('latitude must be between -90 and 90', { argument: 'location' });
  if (!(longitude >= -180 && longitude <= 180)) {
    throw badInput('longitude must be between -180 and 180', { argument: 'location' });
  }
  return { latitude, longitude };
}

/** The partOf rule's first half: an entity cannot be part of itself. */
export function checkPartOfSelf(key: string, parent: string): void {
  if (parent === key) throw badInput(`partOf: "${key}" cannot be part of itself`, { argument: 'partOf' });
}

/** The partOf rule's second half, once `parent` was found to lie inside `key`. */
export const partOfCycleError = (key: string, parent: string) =>
  badInput(`partOf: "${parent}" lies inside "${key}"; that would make a cycle`, { argument: 'partOf' });

async function checkPartOf(run: TxRun, key: string, parent: string) {
  checkPartOfSelf(key, parent);
  const [row] = await run('partOfCycle', PART_OF_CYCLE, { key, parent });
  if (row?.cycle) throw partOfCycleError(key, parent);
}

/** An event's start and end must stay in order; those an upsert leaves out are the stored ones. */
export function checkUpsertDates(
  upsert: PreparedUpsert,
  stored: { start: PartialDate | null; end: PartialDate | null } | undefined,
): void {
  const start = upsert.dates.start !== undefined ? upsert.dates.start : (stored?.start ?? null);
  const end = upsert.dates.end !== undefined ? upsert.dates.end : (stored?.end ?? null);
  checkDateOrder(start, end, ['start', 'end']);
}

/** The checks of every entity upsert that need no graph, and the parameters of its write. */
function prepareUpsert(u: Upsert): PreparedUpsert {
  const key = checkKey(u.input.key, prefixOf(u.label));
  const name = checkText(u.input.name, 'name', 200);
  const links = (u.links ?? []).flatMap((l) =>
    l.targets === undefined ? [] : [{ type: l.type, targets: l.targets }],
  );
  const props = {
    name,
    sortKey: entitySortKey(name, key),
    ...u.props,
    ...(u.input.aliases != null ? { aliases: checkAliases(u.input.aliases) } : {}),
    ...(u.input.description !== undefined
      ? {
          description:
            u.input.description === null ? null : checkText(u.input.description, 'description', 5000),
        }
      : {}),
  };
  const row = {
    label: u.label,
    key,
    props,
    setLocation: u.location !== undefined,
    location: u.location ? checkLocation(u.location) : null,
  };
  return {
    label: u.label,
    key,
    refs: u.refs ?? [],
    partOf: links.find((l) => l.type === 'PART_OF')?.targets[0],
    dates: u.dates ?? {},
    links,
    participants: u.participants,
    row,
  };
}

/** Merges the nodes of entity upserts of any labels (one statement); returns the entities as stored. */
export async function mergeEntities(run: TxRun, upserts: readonly PreparedUpsert[]): Promise<EntityRecord[]> {
  const rows = await run('merge', UPSERT, { rows: upserts.map((u) => u.row) });
  return rows.map((row) => toEntity(row.entity as Record<string, unknown>));
}

/** Replaces the link sets and participants the upserts give (their nodes merged), one statement for each. */
export async function replaceEntityLinks(run: TxRun, upserts: readonly PreparedUpsert[]): Promise<void> {
  const links = upserts.flatMap((u) =>
    u.links.map((l) => ({ key: u.key, type: l.type, targets: l.targets })),
  );
  if (links.length > 0) await run('links', REPLACE_LINKS, { rows: links });
  const participants = upserts.flatMap((u) =>
    u.participants ? [{ key: u.key, participants: u.participants }] : [],
  );
  if (participants.length > 0) await run('participants', REPLACE_PARTICIPANTS, { rows: participants });
}

/** The one write path of every entity upsert mutation; returns the entity and what changed. */
async function upsertEntity(db: Database, upsert: PreparedUpsert): Promise<Written<EntityRecord>> {
  return db.write(`upsert${upsert.label}`, async (run) => {
    await checkRefs(run, upsert.refs);
    if (upsert.partOf) await checkPartOf(run, upsert.key, upsert.partOf);
    const { result, changed } = await observed(run, [upsert.key], UPSERT_VIEW, async () => {
      const [entity] = (await mergeEntities(run, [upsert])) as [EntityRecord];
      // An event given only start or end keeps the other: the stored pair must still be in order.
      checkDateOrder(entity.start, entity.end, ['start', 'end']);
      await replaceEntityLinks(run, [upsert]);
      return entity;
    });
    return { record: result, changed };
  });
}

/** A single optional link: undefined keeps it, null removes it, a key replaces it. */
const optionalLink = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? [] : [value];
const refOf = (key: string | null | undefined, labels: string[], argument: string): Ref[] =>
  key ? [{ key, labels, argument }] : [];

/** A person upsert, checked. */
export function preparePerson(input: UpsertPersonInput): PreparedUpsert {
  return prepareUpsert({ label: 'Person', input });
}

/** An organisation upsert, checked. */
export function prepareOrganisation(input: UpsertOrganisationInput): PreparedUpsert {
  return prepareUpsert({
    label: 'Organisation',
    input,
    props: { kind: input.kind },
    refs: [...refOf(input.basedIn, ['Place'], 'basedIn'), ...refOf(input.partOf, ['Organisation'], 'partOf')],
    links: [
      { type: 'BASED_IN', targets: optionalLink(input.basedIn) },
      { type: 'PART_OF', targets: optionalLink(input.partOf) },
    ],
  });
}

/** A place upsert, checked. */
export function preparePlace(input: UpsertPlaceInput): PreparedUpsert {
  return prepareUpsert({
    label: 'Place',
    input,
    props: { kind: input.kind },
    location: input.location,
    refs: refOf(input.partOf, ['Place'], 'partOf'),
    links: [{ type: 'PART_OF', targets: optionalLink(input.partOf) }],
  });
}

/** An event upsert, checked: its partial dates first. */
export function prepareEvent(input: UpsertEventInput): PreparedUpsert {
  const { start, end } = parseDateRange(input.start, input.end, ['start', 'end']);
  const places = input.places == null ? undefined : [...new Set(input.places)];
  const participants = input.participants?.map((p) => ({ entity: p.entity, role: p.role }));
  return prepareUpsert({
    label: 'Event',
    input,
    props: {
      kind: input.kind,
      ...(input.start !== undefined ? datePropertiesOf('start', start) : {}),
      ...(input.end !== undefined ? datePropertiesOf('end', end) : {}),
    },
    dates: {
      ...(input.start !== undefined ? { start } : {}),
      ...(input.end !== undefined ? { end } : {}),
    },
    refs: [
      ...(places ?? []).map((key) => ({ key, labels: ['Place'], argument: 'places' })),
      ...refOf(input.partOf, ['Event'], 'partOf'),
      ...(participants ?? []).map((p) => ({
        key: p.entity,
        labels: ['Person', 'Organisation'],
        argument: 'participants',
      })),
    ],
    links: [
      { type: 'OCCURRED_IN', targets: places },
      { type: 'PART_OF', targets: optionalLink(input.partOf) },
    ],
    participants,
  });
}

/** Creates or updates a person by key. */
export async function upsertPerson(db: Database, input: UpsertPersonInput) {
  return upsertEntity(db, preparePerson(input));
}

/** Creates or updates an organisation by key, with where it is based and what it is part of. */
export async function upsertOrganisation(db: Database, input: UpsertOrganisationInput) {
  return upsertEntity(db, prepareOrganisation(input));
}

/** Creates or updates a place by key, with its coordinates and the place it lies in. */
export async function upsertPlace(db: Database, input: UpsertPlaceInput) {
  return upsertEntity(db, preparePlace(input));
}

/** Creates or updates an event by key, with its partial dates, places, parent event and participants. */
export async function upsertEvent(db: Database, input: UpsertEventInput) {
  return upsertEntity(db, prepareEvent(input));
}
