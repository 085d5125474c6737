/**
 * Extraction off the event loop. `extract` is CPU work (about 40 ms per 1,000 characters): run on a
 * server's event loop it would stall every other request and subscription for as long. Here one worker
 * thread per process, started on first use, runs it; the lookup it makes comes back to the calling
 * thread, which owns the database driver, and its answer goes back. The worker does not keep the process
 * alive; if it dies, the extractions it held fail and the next one starts a new worker.
 */
import { Worker } from 'node:worker_threads';
import type { ExtractOptions } from './extract.js';
import type { ExtractInput, Extraction, KnownEntity, Lookup } from './types.js';

/** Messages the worker receives. */
export type ToWorker =
  | { id: number; kind: 'extract'; text: string; published: string | null; options: ExtractOptions }
  | { id: number; kind: 'found'; found: [string, { entity: KnownEntity; score: number }[]][] }
  | { id: number; kind: 'lookupFailed' };

/** Messages the worker sends. */
export type FromWorker =
  | { id: number; kind: 'lookup'; surfaces: string[] }
  | { id: number; kind: 'done'; extraction: Extraction }
  | { id: number; kind: 'failed'; message: string };

interface Waiting {
  lookup: Lookup;
  resolve: (extraction: Extraction) => void;
  reject: (error: Error) => void;
}

/** The worker, from the compiled file, or from the TypeScript source through tsx when run from source. */
function startWorker(): Worker {
  if (import.meta.url.endsWith('.js')) return new Worker(new URL('./extractWorker.js', import.meta.url));
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = new URL('./extractWorker.ts', import.meta.url).href;
  return new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`,
    { eval: true },
  );
}

/** One process's extraction thread. */
export class ExtractionThread {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();

  /** What `extract` gives for this input, computed on the worker thread. */
  extract(input: ExtractInput, options: ExtractOptions = {}): Promise<Extraction> {
    const worker = this.running();
    const id = this.nextId++;
    return new Promise<Extraction>((resolve, reject) => {
      this.waiting.set(id, { lookup: input.lookup, resolve, reject });
      worker.ref();
      this.send({ id, kind: 'extract', text: input.text, published: input.published, options });
    });
  }

  /** Stops the worker; extractions still running fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker();
    worker.unref();
    worker.on('message', (message: FromWorker) => this.receive(message));
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, w] of this.waiting) {
        this.waiting.delete(id);
        w.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the extraction thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private send(message: ToWorker) {
    this.worker?.postMessage(message);
  }

  private receive(message: FromWorker) {
    const waiting = this.waiting.get(message.id);
    if (!waiting) return;
    if (message.kind === 'lookup') {
      waiting.lookup(message.surfaces).then(
        (found) => this.send({ id: message.id, kind: 'found', found: [...found] }),
        (error: Error) => {
          // The extraction fails with the lookup's own error; the worker abandons it.
          this.settle(message.id);
          waiting.reject(error);
          this.send({ id: message.id, kind: 'lookupFailed' });
        },
      );
      return;
    }
    this.settle(message.id);
    if (message.kind === 'done') waiting.resolve(message.extraction);
    else waiting.reject(new Error(`extraction failed: ${message.message}`));
  }

  /** Forgets an extraction; the worker stops holding the process open when none is left. */
  private settle(id: number) {
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker?.unref();
  }
}
