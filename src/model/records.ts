/**
 * The plain records the schema sees: what a person, a statement, a source… is, with no Cypher and no
 * I/O. Queries make them from Neo4j rows (queries/projections.ts); the schema exposes them.
 */
import type { PartialDate } from './partialDate.js';
import type { ParticipationRole, StatementKind } from './vocabulary.js';

/** The GraphQL object types an Entity can be; also its Neo4j label (fixed allow-list). */
export const ENTITY_LABELS = ['Person', 'Organisation', 'Place', 'Event'] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/**
 * An entity as seen from another node (a statement's speaker, an event's places, a member): its type, key
 * and name, which is what such links mostly show. The compiler keeps it from passing as an EntityRecord:
 * the other fields must be loaded (schema/resolvers/nodes.ts `fromFullEntity`).
 */
export interface EntitySummary {
  label: EntityLabel;
  key: string;
  name: string;
  full?: false;
}

/** An entity with every field read. */
export interface EntityRecord {
  label: EntityLabel;
  full: true;
  key: string;
  name: string;
  aliases: string[];
  description: string | null;
  kind: string | null;
  location: GeoPoint | null;
  start: PartialDate | null;
  end: PartialDate | null;
}

/** Either: what the schema's entity types are given. */
export type EntityShape = EntitySummary | EntityRecord;

export interface StatementRecord {
  label: 'Statement';
  key: string;
  kind: StatementKind;
  text: string;
  date: PartialDate | null;
}

export interface SourceRecord {
  label: 'Source';
  key: string;
  title: string;
  url: string | null;
  text: string;
  language: string | null;
  published: PartialDate | null;
}

/** Where a source reports something; the excerpt is cut from the source text when asked for. */
export interface EvidenceRecord {
  sourceKey: string;
  start: number;
  end: number;
}

export interface AffiliationRecord {
  member: EntityShape;
  organisation: EntityShape;
  role: string | null;
  since: PartialDate | null;
  until: PartialDate | null;
  evidence: EvidenceRecord[];
}

export interface ParticipationRecord {
  entity: EntityShape;
  event: EntityShape;
  role: ParticipationRole;
  evidence: EvidenceRecord[];
}

export interface MentionRecord {
  source: SourceRecord;
  evidence: EvidenceRecord;
}
