/**
 * How records are read: the Cypher map projection of each kind of node, beside the mapper that turns
 * its row (after toPlain has made integers, temporals and points plain values) into a record.
 */
import type { Row } from '../db/database.js';
import { partialDateFrom } from '../model/partialDate.js';
import {
  ENTITY_LABELS,
  type EntityRecord,
  type EntitySummary,
  type EvidenceRecord,
  type GeoPoint,
  type SourceRecord,
  type StatementRecord,
} from '../model/records.js';
import { oneOf, STATEMENT_KINDS } from '../model/vocabulary.js';

const dateProperties = (prefix: string) =>
  ['Iso', 'Precision', 'Earliest', 'Latest'].map((part) => `.${prefix}${part}`).join(', ');

const ENTITY_LABEL_LIST = `[${ENTITY_LABELS.map((l) => `'${l}'`).join(', ')}]`;
/** The Cypher expression of an entity's type label (the one of ENTITY_LABELS it carries). */
export const labelOf = (variable: string) =>
  `head([l IN labels(${variable}) WHERE l IN ${ENTITY_LABEL_LIST}])`;

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

const str = (v: unknown) => (typeof v === 'string' ? v : null);

export function toEntity(p: Row): EntityRecord {
  return {
    label: oneOf(ENTITY_LABELS, p.label),
    full: true,
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
export function toEntitySummary(p: Row): EntitySummary {
  return { label: oneOf(ENTITY_LABELS, p.label), key: String(p.key), name: String(p.name) };
}

export function toStatement(p: Row): StatementRecord {
  return {
    label: 'Statement',
    key: String(p.key),
    kind: oneOf(STATEMENT_KINDS, p.kind),
    text: String(p.text),
    date: partialDateFrom(p, 'date'),
  };
}

export function toSource(p: Row): SourceRecord {
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
export function toEvidenceList(p: Row): EvidenceRecord[] {
  const sources = (p.evidenceSources as string[] | null) ?? [];
  const starts = (p.evidenceStarts as number[] | null) ?? [];
  const ends = (p.evidenceEnds as number[] | null) ?? [];
  return sources.map((sourceKey, i) => ({ sourceKey, start: starts[i] ?? 0, end: ends[i] ?? 0 }));
}
