/**
 * statementAdded's filter: the root `statements` list's conditions (queries/lists.ts, STATEMENTS
 * filters), tested on an announced statement instead of in Cypher. A test holds the two to the same
 * answers on the article graph.
 */
import type { StatementFilter } from '../queries/lists.js';
import type { StatementAdded } from './changes.js';

/** True when the new statement is one `statements(filter:)` would list. */
export function statementMatches(filter: StatementFilter, s: Omit<StatementAdded, 'record'>): boolean {
  if (filter.speaker !== null && s.speaker !== filter.speaker) return false;
  if (filter.onBehalfOf !== null && !s.onBehalfOf.includes(filter.onBehalfOf)) return false;
  if (filter.addressedTo !== null && !s.addressedTo.includes(filter.addressedTo)) return false;
  if (filter.about !== null && !s.about.includes(filter.about)) return false;
  if (filter.kinds !== null && !filter.kinds.includes(s.kind)) return false;
  // As in Cypher, an undated statement is outside every period (a comparison with null is not true).
  if (filter.from !== null && !(s.dateLatest !== null && s.dateLatest >= filter.from)) return false;
  if (filter.to !== null && !(s.dateEarliest !== null && s.dateEarliest <= filter.to)) return false;
  return true;
}
