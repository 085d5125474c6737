/** The extraction engine (see extract.ts) and its contract. */
export {
  type DateRule,
  DEFAULT_DATE_RULE,
  findDates,
  SAID_ON_PUBLICATION_DAY,
  statementDate,
} from './dates.js';
export { type EvaluationReport, evaluate, type Gold } from './evaluate.js';
export { type ExtractOptions, extract } from './extract.js';
export { lookupFrom } from './lookup.js';
export type * from './types.js';
