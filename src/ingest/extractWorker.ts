/**
 * The extraction thread's program (see thread.ts): runs `extract` for each request, asking the parent
 * thread for the lookup it needs.
 */
import { parentPort } from 'node:worker_threads';
import { extract } from './extract.js';
import type { FromWorker, ToWorker } from './thread.js';
import type { Lookup } from './types.js';

const port = parentPort;
if (!port) throw new Error('extractWorker runs as a worker thread');

type Found = Awaited<ReturnType<Lookup>>;
const lookups = new Map<number, { resolve: (found: Found) => void; reject: (error: Error) => void }>();
const send = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.kind === 'found') {
    lookups.get(message.id)?.resolve(new Map(message.found));
    lookups.delete(message.id);
    return;
  }
  if (message.kind === 'lookupFailed') {
    lookups.get(message.id)?.reject(new Error('lookup failed'));
    lookups.delete(message.id);
    return;
  }
  const { id, text, published, options } = message;
  const lookup: Lookup = (surfaces) =>
    new Promise<Found>((resolve, reject) => {
      lookups.set(id, { resolve, reject });
      send({ id, kind: 'lookup', surfaces: [...surfaces] });
    });
  extract({ text, published, lookup }, options).then(
    (extraction) => send({ id, kind: 'done', extraction }),
    (error: Error) => send({ id, kind: 'failed', message: error.message }),
  );
});
