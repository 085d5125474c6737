/**
 * The ingestion engine's Lookup over the graph: candidates for every surface form of an article from
 * the entity_search full-text index (case- and accent-folding), in one query,
 * then scored by the engine's own name comparison (src/ingest/lookup.ts), so that the graph and the
 * in-memory list answer alike.
 */
import type { Database, TxRun } from '../db/database.js';
import { identityWords, ranked } from '../ingest/lookup.js';
import type { KnownEntity, Lookup } from '../ingest/types.js';
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
export const graphLookup = (db: Database): Lookup =>
  lookupWith((name, cypher, params) => db.read(name, cypher, params));

/** A Lookup answering through `run`: a read, or a query of a transaction (which then sees its own writes). */
export function lookupWith(run: TxRun): Lookup {
  return async (surfaces) => {
    // Every identity word required, none fuzzy: a name scores above 0 only if it holds them all
    // (ingest/lookup.ts), so search's fuzzy terms would only cost time and crowd out the best candidates
    // (measured: 480 surfaces of a 1,000-word article on the medium graph, ~580 ms with them, ~120 ms
    // without). The analyzer drops stop words from the query as from the names.
    const queries = [...new Set(surfaces)].flatMap((surface) => {
      const required = identityWords(surface);
      return required.length === 0 ? [] : [{ surface, query: required.map((w) => `+${w}`).join(' ') }];
    });
    const answer = new Map<string, { entity: KnownEntity; score: number }[]>();
    if (queries.length === 0) return answer;
    const rows = await run('ingest.lookup', LOOKUP, { surfaces: queries });
    for (const row of rows) {
      const surface = row.surface as string;
      answer.set(surface, ranked(surface, row.entities as KnownEntity[], KEPT));
    }
    return answer;
  };
}
