/**
 * Hands the answers of a planned read (queries/reads.ts) to the loaders that would otherwise read them:
 * each page to the connection loader under the key its field will ask with, each node's links to its
 * links loader. The resolvers then run as always and find everything already loaded.
 */
import type DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import type { KeyedLabel } from '../queries/nodes.js';
import { type Ahead, type AheadAnswers, readNodeAhead, relationOfRead } from '../queries/reads.js';
import type { Loaders } from './index.js';

/** Primes the request's loaders with what a planned query read ahead. */
export function primeReads(loaders: Loaders, answers: AheadAnswers): void {
  const { label: own } = answers;
  if (own) for (const [key, values] of answers.links) loaders.primeLinks(own, key, values);
  for (const { read, parentKey, connection, total, links } of answers.reads) {
    loaders.connections.prime(read.relation, parentKey, read.args, read.links, connection, total);
    const label = relationOfRead(read).nodeLinks?.label;
    if (label) for (const [key, values] of links) loaders.primeLinks(label, key, values);
  }
}

/** The loader of nodes of each label with a key lookup. */
const NODE_LOADERS = { Entity: 'entityByKey', Source: 'sourceByKey', Statement: 'statementByKey' } as const;

/**
 * Reads a node by key with what its field's selection reads ahead below it, in one query, and primes the
 * loaders with both; with nothing to read ahead, leaves the node to its loader (which batches).
 */
export async function readAhead(
  loaders: Loaders,
  db: Database,
  label: KeyedLabel,
  key: string,
  ahead: Ahead,
) {
  if (ahead.reads.length === 0) return;
  const { node, ahead: answers } = await readNodeAhead(db, label, key, ahead);
  (loaders[NODE_LOADERS[label]] as DataLoader<string, unknown>).prime(key, node);
  primeReads(loaders, answers);
}
