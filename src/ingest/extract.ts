/**
 * The extraction engine: an article's text in, proposed entities, mentions and attributed statements
 * out, each with the method that found it and a confidence. Pure and offline: the only input besides the
 * text is `lookup` (the graph's known entities), called once. The same input gives the same output.
 */
import { type DateRule, DEFAULT_DATE_RULE } from './dates.js';
import { findMentions } from './mentions.js';
import { tagText } from './ner.js';
import { quotations } from './quotes.js';
import { findStatements } from './statements.js';
import { EntityTable } from './table.js';
import type { ExtractInput, Extraction } from './types.js';

export interface ExtractOptions {
  /** When a statement without a date expression is dated to the publication day (dates.ts). */
  dateRule?: DateRule;
  /** Also propose stances ("X condemned the attacks") as low-confidence paraphrases (default false). */
  stance?: boolean;
}

export async function extract(input: ExtractInput, options: ExtractOptions = {}): Promise<Extraction> {
  const { text, published, lookup } = input;
  const table = new EntityTable();
  const ner = tagText(text);
  const { pending } = await findMentions({ text, lookup, table, ner });
  const quotes = quotations(text);
  const statements = findStatements({
    text,
    published,
    table,
    pending,
    quotes,
    ner,
    dateRule: options.dateRule ?? DEFAULT_DATE_RULE,
    stance: options.stance ?? false,
  });
  return table.finish(statements);
}
