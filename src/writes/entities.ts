/**
 * Upserts of people, organisations, places and events: one transaction each, idempotent on `key`.
 * An optional field left out keeps what is stored; `null` clears it. Links given as keys (basedIn,
 * partOf, places, participants) must name existing nodes of the right type, and replace the stored set.
 */
import type { Database, TxRun } from '../db/database.js';
import { badInput } from '../errors.js';
import { START_ORDER } from '../loaders/connections.js';
import { type EntityLabel, type EntityRecord, entityMap, toEntity } from '../loaders/records.js';
import { checkDateOrder, datePropertiesOf, parseDateRange } from '../model/partialDate.js';
import { checkAliases, checkKey, checkRefs, checkText, type Ref } from './validate.js';

interface EntityInput {
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

// One fixed statement per label: labels cannot be parameters.
const upsertCypher = (label: EntityLabel, derived = '') => `
  MERGE (n:Entity:${label} {key: $key})
    ON CREATE SET n.aliases = []
  SET n.name = $name, n.sortKey = $sortKey, n += $props${derived}
  FOREACH (_ IN CASE WHEN $setAliases THEN [1] ELSE [] END | SET n.aliases = $aliases)
  FOREACH (_ IN CASE WHEN $setDescription THEN [1] ELSE [] END | SET n.description = $description)
  FOREACH (_ IN CASE WHEN $setLocation THEN [1] ELSE [] END |
    SET n.location = CASE WHEN $location IS NULL THEN null ELSE point($location) END)
  RETURN ${entityMap('n')} AS entity`;

const UPSERT: Record<EntityLabel, string> = {
  Person: upsertCypher('Person'),
  Organisation: upsertCypher('Organisation'),
  Place: upsertCypher('Place'),
  Event: upsertCypher('Event', `\n  SET n.startOrder = ${START_ORDER}`),
};

/** Replaces the outgoing links of one type from `n` with links to `targets` (fixed types only). */
const replaceLinksCypher = (type: 'BASED_IN' | 'PART_OF' | 'OCCURRED_IN') => `
  MATCH (n:Entity {key: $key})
  OPTIONAL MATCH (n)-[old:${type}]->(x) WHERE NOT x.key IN $targets
  DELETE old
  WITH DISTINCT n
  UNWIND $targets AS target
  MATCH (x:Entity {key: target})
  MERGE (n)-[:${type}]->(x)`;

const REPLACE_LINKS = {
  BASED_IN: replaceLinksCypher('BASED_IN'),
  PART_OF: replaceLinksCypher('PART_OF'),
  OCCURRED_IN: replaceLinksCypher('OCCURRED_IN'),
};

const REPLACE_PARTICIPANTS = `
  MATCH (ev:Event {key: $key})
  OPTIONAL MATCH (ev)<-[old:PARTICIPATED_IN]-(x)
    WHERE NOT { entity: x.key, role: old.role } IN $participants
  DELETE old
  WITH DISTINCT ev
  UNWIND $participants AS p
  MATCH (x:Entity {key: p.entity})
  MERGE (x)-[:PARTICIPATED_IN {role: p.role}]->(ev)`;

// partOf must not make a cycle: the new parent may not be the node itself or lie inside it.
const PART_OF_CYCLE = `
  MATCH (parent:Entity {key: $parent})
  RETURN EXISTS { (parent)-[:PART_OF*0..20]->(:Entity {key: $key}) } AS cycle`;

interface Upsert {
  label: EntityLabel;
  keyType: string;
  input: EntityInput;
  props?: Record<string, unknown>;
  location?: { latitude: number; longitude: number } | null;
  refs?: Ref[];
  links?: { type: keyof typeof REPLACE_LINKS; targets: string[] | undefined }[];
  participants?: { entity: string; role: string }[];
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

async function checkPartOf(run: TxRun, key: string, parent: string) {
  if (parent === key) throw badInput(`partOf: "${key}" cannot be part of itself`, { argument: 'partOf' });
  const [row] = await run('partOfCycle', PART_OF_CYCLE, { key, parent });
  if (row?.cycle)
    throw badInput(`partOf: "${parent}" lies inside "${key}"; that would make a cycle`, {
      argument: 'partOf',
    });
}

/** The one write path of every entity upsert. */
async function upsertEntity(db: Database, u: Upsert): Promise<EntityRecord> {
  const key = checkKey(u.input.key, u.keyType);
  const name = checkText(u.input.name, 'name', 200);
  const params = {
    key,
    name,
    sortKey: `${name.toLowerCase()}|${key}`,
    props: u.props ?? {},
    setAliases: u.input.aliases != null,
    aliases: checkAliases(u.input.aliases ?? []),
    setDescription: u.input.description !== undefined,
    description: u.input.description == null ? null : checkText(u.input.description, 'description', 5000),
    setLocation: u.location !== undefined,
    location: u.location ? checkLocation(u.location) : null,
  };
  return db.write(`upsert${u.label}`, async (run) => {
    await checkRefs(run, u.refs ?? []);
    const partOf = u.links?.find((l) => l.type === 'PART_OF')?.targets?.[0];
    if (partOf) await checkPartOf(run, key, partOf);
    const [row] = await run('merge', UPSERT[u.label], params);
    const entity = toEntity(row?.entity as Record<string, unknown>);
    // An event given only start or end keeps the other: the stored pair must still be in order.
    checkDateOrder(entity.start, entity.end, ['start', 'end']);
    for (const link of u.links ?? []) {
      if (link.targets !== undefined)
        await run(`link.${link.type}`, REPLACE_LINKS[link.type], { key, targets: link.targets });
    }
    if (u.participants)
      await run('participants', REPLACE_PARTICIPANTS, { key, participants: u.participants });
    return entity;
  });
}

/** A single optional link: undefined keeps it, null removes it, a key replaces it. */
const optionalLink = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? [] : [value];
const refOf = (key: string | null | undefined, labels: string[], argument: string): Ref[] =>
  key ? [{ key, labels, argument }] : [];

/** Creates or updates a person by key. */
export function upsertPerson(db: Database, input: UpsertPersonInput) {
  return upsertEntity(db, { label: 'Person', keyType: 'person', input });
}

/** Creates or updates an organisation by key, with where it is based and what it is part of. */
export function upsertOrganisation(db: Database, input: UpsertOrganisationInput) {
  return upsertEntity(db, {
    label: 'Organisation',
    keyType: 'organisation',
    input,
    props: { kind: input.kind },
    refs: [...refOf(input.basedIn, ['Place'], 'basedIn'), ...refOf(input.partOf, ['Organisation'], 'partOf')],
    links: [
      { type: 'BASED_IN', targets: optionalLink(input.basedIn) },
      { type: 'PART_OF', targets: optionalLink(input.partOf) },
    ],
  });
}

/** Creates or updates a place by key, with its coordinates and the place it lies in. */
export function upsertPlace(db: Database, input: UpsertPlaceInput) {
  return upsertEntity(db, {
    label: 'Place',
    keyType: 'place',
    input,
    props: { kind: input.kind },
    location: input.location,
    refs: refOf(input.partOf, ['Place'], 'partOf'),
    links: [{ type: 'PART_OF', targets: optionalLink(input.partOf) }],
  });
}

/** Creates or updates an event by key, with its partial dates, places, parent event and participants. */
export function upsertEvent(db: Database, input: UpsertEventInput) {
  const { start, end } = parseDateRange(input.start, input.end, ['start', 'end']);
  const places = input.places == null ? undefined : [...new Set(input.places)];
  const participants = input.participants?.map((p) => ({ entity: p.entity, role: p.role }));
  return upsertEntity(db, {
    label: 'Event',
    keyType: 'event',
    input,
    props: {
      kind: input.kind,
      ...(input.start !== undefined ? datePropertiesOf('start', start) : {}),
      ...(input.end !== undefined ? datePropertiesOf('end', end) : {}),
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
