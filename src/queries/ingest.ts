/**
 * The ingestion engine's Lookup over the graph: candidates for every surface form of an article from
 * the entity_search full-text index (case- and accent-folding, one edit of tolerance), in one query,
 * then scored by the engine's own name comparison (src/ingest/lookup.ts), so that the graph and the
 * in-memory list answer alike.
 */
import type { Database } from '../db/database.js';
import { ranked } from '../ingest/lookup.js';
import type { KnownEntity, Lookup } from '../ingest/types.js';
import { toLuceneQuery } from './lists.js';
import { labelOf } from './projections.js';

/** Candidates the index gives per surface before scoring, and those kept after. */
const FROM_INDEX = 10;
const KEPT = 5;

const LOOKUP = `
  UNWIND $surfaces AS s
  CALL (s) {
    CALL db.index.fulltext.queryNodes('entity_search', s.query) YIELD node, score
    RETURN node ORDER BY score DESC LIMIT ${FROM_INDEX}
  }
  RETURN s.surface AS surface, collect(node {
    .key, .name, aliases: coalesce(node.aliases, []),
    label: ${labelOf('node')}
  }) AS entities`;

/** A Lookup answering from the graph behind `db`. */
export function graphLookup(db: Database): Lookup {
  return async (surfaces) => {
    const queries = [...new Set(surfaces)].flatMap((surface) => {
      const query = toLuceneQuery(surface);
      return query === null ? [] : [{ surface, query }];
    });
    const answer = new Map<string, { entity: KnownEntity; score: number }[]>();
    if (queries.length === 0) return answer;
    const rows = await db.read('ingest.lookup', LOOKUP, { surfaces: queries });
    for (const row of rows) {
      const surface = row.surface as string;
      answer.set(surface, ranked(surface, row.entities as KnownEntity[], KEPT));
    }
    return answer;
  };
}
