/**
 * The extraction contract: what `extract()` reads (an article's text, its publication day and a lookup
 * of the entities the graph already knows) and what it proposes (entities, their mentions and attributed
 * statements), each proposal with the METHOD that found it and a CONFIDENCE in [0, 1]. The proposals are
 * reviewed or written by the ingestion plumbing; nothing here touches the database.
 */

export type EntityLabel = 'Person' | 'Organisation' | 'Place' | 'Event';

/** An entity the graph already knows, as the lookup returns it. */
export interface KnownEntity {
  key: string;
  label: EntityLabel;
  name: string;
  aliases: readonly string[];
}

/** Candidates for each surface form (the graph's full-text index in production; a list in tests), best first, score in [0,1]. */
export type Lookup = (
  surfaces: readonly string[],
) => Promise<Map<string, { entity: KnownEntity; score: number }[]>>;

export interface ExtractInput {
  text: string;
  /** YYYY-MM-DD or null */
  published: string | null;
  lookup: Lookup;
}

export interface ProposedEntity {
  /** 'e1', 'e2'… stable for the same input */
  id: string;
  name: string;
  label: EntityLabel;
  /** the known entity it is, or null: a new one */
  link: { key: string; score: number } | null;
  /** what was considered */
  candidates: { key: string; name: string; score: number }[];
  /** new places, from the gazetteer package */
  location: { latitude: number; longitude: number } | null;
  /** "a ministry spokesman": organisation is an entity id */
  unnamed: { description: string; organisation: string | null } | null;
  method: string;
  confidence: number;
}

export interface ProposedMention {
  /** entity id */
  entity: string;
  start: number;
  end: number;
  method: string;
  confidence: number;
}

export interface ProposedStatement {
  /** 's1'… */
  id: string;
  kind: 'DIRECT_QUOTE' | 'PARAPHRASE' | 'OFFICIAL_ADDRESS';
  /** the statement's content */
  text: string;
  /** entity id (an unnamed speaker is an entity with `unnamed` set) */
  speaker: string;
  onBehalfOf: string[];
  addressedTo: string[];
  about: string[];
  /** a partial date at the text's precision: YYYY, YYYY-MM or YYYY-MM-DD */
  date: string | null;
  /** text.slice(start, end) is the quoted words / the reported clause */
  evidence: { start: number; end: number };
  /** id of the statement this one relays (X said that Y told Z …) */
  reports: string | null;
  method: string;
  confidence: number;
}

export interface Extraction {
  entities: ProposedEntity[];
  mentions: ProposedMention[];
  statements: ProposedStatement[];
}

/** A half-open character range of the text. */
export interface Span {
  start: number;
  end: number;
}
