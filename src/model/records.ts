/**
 * The plain records the schema sees: what a person, a statement, a source… is, with no Cypher and no
 * I/O. Queries make them from Neo4j rows (queries/projections.ts); the schema exposes them.
 */
import type { PartialDate } from './partialDate.js';

/** The GraphQL object types an Entity can be; also its Neo4j label (fixed allow-list). */
export const ENTITY_LABELS = ['Person', 'Organisation', 'Place', 'Event'] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface EntityRecord {
  label: EntityLabel;
  /** Only key, name and label were read (entitySummaryMap); the other fields are not filled in. */
  summary: boolean;
  key: string;
  name: string;
  aliases: string[];
  description: string | null;
  kind: string | null;
  location: GeoPoint | null;
  start: PartialDate | null;
  end: PartialDate | null;
}

export interface StatementRecord {
  label: 'Statement';
  key: string;
  kind: string;
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
  member: EntityRecord;
  organisation: EntityRecord;
  role: string | null;
  since: PartialDate | null;
  until: PartialDate | null;
  evidence: EvidenceRecord[];
}

export interface ParticipationRecord {
  entity: EntityRecord;
  event: EntityRecord;
  role: string;
  evidence: EvidenceRecord[];
}

export interface MentionRecord {
  source: SourceRecord;
  evidence: EvidenceRecord;
}
