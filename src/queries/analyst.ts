/**
 * Analysts' graph queries: statement timelines, co-mentions, rankings and geography. Each is one fixed
 * Cypher query; values only as parameters.
 */
import type { Database, Row } from '../db/database.js';
import { badInput } from '../errors.js';
import type { EntityRecord } from '../model/records.js';
import { entityMap, toEntity } from './projections.js';

/** An ISO-day period; null ends are open. */
export interface Period {
  from: string | null;
  to: string | null;
}

const IN_PERIOD = '($from IS NULL OR s.dateLatest >= $from) AND ($to IS NULL OR s.dateEarliest <= $to)';
// The roles an entity plays in a statement.
const ROLE_TYPES = 'SAID_BY|ON_BEHALF_OF|ADDRESSED_TO|ABOUT';

export const MAX_RESULTS = 100;

function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_RESULTS) {
    throw badInput(`first must be between 1 and ${MAX_RESULTS}`, { argument: 'first' });
  }
  return first;
}

export interface TimelineBucket {
  period: string;
  count: number;
  /** Who made the statements in this period, most active first. */
  speakers: { entity: EntityRecord; count: number }[];
}

// Month is the first 7 characters of an ISO day, year the first 4.
const STATEMENT_TIMELINE = `
  MATCH (e:Entity {key: $key})<-[:ABOUT]-(s:Statement)-[:SAID_BY]->(speaker:Entity)
  WHERE s.dateEarliest IS NOT NULL AND ${IN_PERIOD}
  WITH substring(s.dateEarliest, 0, $width) AS period, speaker, count(DISTINCT s) AS said
  ORDER BY period, said DESC, speaker.key
  WITH period, sum(said) AS count, collect({ entity: ${entityMap('speaker')}, count: said })[0..5] AS speakers
  RETURN period, count, speakers
  ORDER BY period`;

/** Statements about an entity per month or year, with who made them. */
export async function statementTimeline(
  db: Database,
  key: string,
  interval: 'MONTH' | 'YEAR',
  period: Period,
): Promise<TimelineBucket[]> {
  const rows = await db.read('analyst.timeline', STATEMENT_TIMELINE, {
    key,
    width: interval === 'MONTH' ? 7 : 4,
    ...period,
  });
  return rows.map((r) => ({
    period: String(r.period),
    count: Number(r.count),
    speakers: (r.speakers as Row[]).map((s) => ({
      entity: toEntity(s.entity as Row),
      count: Number(s.count),
    })),
  }));
}

export interface CoMention {
  entity: EntityRecord;
  /** Statements both take part in (as speaker, on whose behalf, addressee or subject) plus sources mentioning both. */
  weight: number;
  statements: number;
  sources: number;
}

const CO_MENTIONS = `
  MATCH (e:Entity {key: $key})
  CALL {
    WITH e
    MATCH (e)<-[:${ROLE_TYPES}]-(s:Statement)-[:${ROLE_TYPES}]->(other:Entity)
    WHERE other <> e AND ${IN_PERIOD}
    RETURN other, count(DISTINCT s) AS statements, 0 AS sources
    UNION ALL
    WITH e
    MATCH (e)<-[:MENTIONS]-(src:Source)-[:MENTIONS]->(other:Entity)
    WHERE other <> e AND ($from IS NULL OR src.publishedLatest >= $from) AND ($to IS NULL OR src.publishedEarliest <= $to)
    RETURN other, 0 AS statements, count(DISTINCT src) AS sources
  }
  WITH other, sum(statements) AS statements, sum(sources) AS sources
  RETURN ${entityMap('other')} AS entity, statements, sources, statements + sources AS weight
  ORDER BY weight DESC, other.key
  LIMIT $first`;

/** Entities that appear together with one entity, weighted, heaviest first. */
export async function coMentions(
  db: Database,
  key: string,
  period: Period,
  first: number,
): Promise<CoMention[]> {
  const rows = await db.read('analyst.coMentions', CO_MENTIONS, { key, ...period, first: checkFirst(first) });
  return rows.map((r) => ({
    entity: toEntity(r.entity as Row),
    weight: Number(r.weight),
    statements: Number(r.statements),
    sources: Number(r.sources),
  }));
}

export interface CoMentionPair {
  a: EntityRecord;
  b: EntityRecord;
  weight: number;
}

const CO_MENTION_PAIRS = `
  MATCH (s:Statement) WHERE ${IN_PERIOD}
  MATCH (s)-[:${ROLE_TYPES}]->(a:Entity), (s)-[:${ROLE_TYPES}]->(b:Entity)
  WHERE a.key < b.key
  WITH a, b, count(DISTINCT s) AS weight
  ORDER BY weight DESC, a.key, b.key
  LIMIT $first
  RETURN ${entityMap('a')} AS a, ${entityMap('b')} AS b, weight`;

/** The pairs of entities that statements of a period bring together most often. */
export async function coMentionPairs(db: Database, period: Period, first: number): Promise<CoMentionPair[]> {
  const rows = await db.read('analyst.coMentionPairs', CO_MENTION_PAIRS, {
    ...period,
    first: checkFirst(first),
  });
  return rows.map((r) => ({ a: toEntity(r.a as Row), b: toEntity(r.b as Row), weight: Number(r.weight) }));
}

export interface Ranked {
  entity: EntityRecord;
  score: number;
}

// Connections count knowledge relationships only: provenance (MENTIONS) would rank by coverage.
const MOST_CONNECTED = `
  MATCH (n:Entity) WHERE $labels IS NULL OR any(l IN labels(n) WHERE l IN $labels)
  WITH n, count { (n)-[:AFFILIATED_WITH|BASED_IN|LOCATED_IN|PART_OF|PARTICIPATED_IN|OCCURRED_IN]-() }
        + count { (n)<-[:${ROLE_TYPES}]-(s:Statement) WHERE ${IN_PERIOD} } AS score
  WHERE score > 0
  RETURN ${entityMap('n')} AS entity, score
  ORDER BY score DESC, n.key
  LIMIT $first`;

const MOST_CITED = `
  MATCH (s:Statement)-[:ABOUT]->(n:Entity)
  WHERE ${IN_PERIOD} AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
  WITH n, count(DISTINCT s) AS score
  RETURN ${entityMap('n')} AS entity, score
  ORDER BY score DESC, n.key
  LIMIT $first`;

/** Most-connected (relationships, and statements in the period) or most-cited (statements about it) entities. */
export async function ranking(
  db: Database,
  by: 'CONNECTIONS' | 'CITATIONS',
  labels: readonly string[] | null,
  period: Period,
  first: number,
): Promise<Ranked[]> {
  const rows = await db.read(`analyst.ranking.${by}`, by === 'CONNECTIONS' ? MOST_CONNECTED : MOST_CITED, {
    labels,
    ...period,
    first: checkFirst(first),
  });
  return rows.map((r) => ({ entity: toEntity(r.entity as Row), score: Number(r.score) }));
}

export interface Nearby {
  place: EntityRecord;
  distanceKm: number;
  /** Events that occurred at that place. */
  events: EntityRecord[];
}

// point.withinDistance-style filtering through the point index on Place.location.
const NEAR = `
  MATCH (p:Place)
  WHERE point.distance(p.location, point({latitude: $latitude, longitude: $longitude})) <= $meters
  WITH p, point.distance(p.location, point({latitude: $latitude, longitude: $longitude})) AS meters
  ORDER BY meters, p.key
  LIMIT $first
  RETURN ${entityMap('p')} AS place, meters, [(p)<-[:OCCURRED_IN]-(e:Event) | ${entityMap('e')}] AS events`;

/** Places (and the events there) within a radius of a point, nearest first. */
export async function near(
  db: Database,
  latitude: number,
  longitude: number,
  radiusKm: number,
  first: number,
): Promise<Nearby[]> {
  if (!(latitude >= -90 && latitude <= 90))
    throw badInput('latitude must be between -90 and 90', { argument: 'latitude' });
  if (!(longitude >= -180 && longitude <= 180)) {
    throw badInput('longitude must be between -180 and 180', { argument: 'longitude' });
  }
  if (!(radiusKm > 0 && radiusKm <= 20_000))
    throw badInput('radiusKm must be above 0 and at most 20000', { argument: 'radiusKm' });
  const rows = await db.read('analyst.near', NEAR, {
    latitude,
    longitude,
    meters: radiusKm * 1000,
    first: checkFirst(first),
  });
  return rows.map((r) => ({
    place: toEntity(r.place as Row),
    distanceKm: Math.round(Number(r.meters)) / 1000,
    events: (r.events as Row[])
      .map(toEntity)
      .sort((a, b) => (a.start?.earliest ?? '').localeCompare(b.start?.earliest ?? '')),
  }));
}
