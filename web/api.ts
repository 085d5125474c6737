/** The explorer's only way to the server: GraphQL over HTTP on this origin. */

/** A pasted token lives here, in this page's memory, and never in storage. */
let token: string | undefined;

/** Sets (or, with an empty string, forgets) the bearer token sent with every query. */
export function useToken(value: string) {
  token = value.trim() || undefined;
}

/** Whether a token was pasted. */
export function hasToken(): boolean {
  return token !== undefined;
}

/** An answer with errors, or no answer: its message is what the page shows. */
export class ApiError extends Error {}

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field where they are shown
export type Data = Record<string, any>;

/** Runs one operation; resolves with its data, or rejects with the API's errors in words. */
export async function gql(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('The server could not be reached. Is it running?');
  }
  const body = await response.json().catch(() => undefined);
  if (body?.errors?.length) {
    throw new ApiError(body.errors.map((error: { message: string }) => error.message).join('; '));
  }
  if (!response.ok || !body?.data) throw new ApiError(`The server answered ${response.status}.`);
  return body.data;
}

/**
 * Subscribes over Server-Sent Events (POST through fetch, unlike EventSource, so a pasted token goes
 * along), calls `onOpen` once the server holds the subscription and `onData` with each event's data;
 * returns what closes the stream.
 */
export function subscribe(
  query: string,
  variables: Record<string, unknown>,
  {
    onOpen,
    onData,
    onError,
  }: { onOpen: () => void; onData: (data: Data) => void; onError: (message: string) => void },
): () => void {
  const abort = new AbortController();
  const read = async () => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: abort.signal,
    });
    if (!response.ok || !response.body) throw new ApiError(`The server answered ${response.status}.`);
    onOpen();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += value;
      // Events end with a blank line: "event: next" and "data: …" lines, or ": ping" comments.
      for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
        const lines = buffered.slice(0, end).split('\n');
        buffered = buffered.slice(end + 2);
        const event = lines
          .find((l) => l.startsWith('event:'))
          ?.slice(6)
          .trim();
        const data = lines
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        if (event === 'complete') return abort.abort();
        if (event !== 'next' || !data) continue;
        const body = JSON.parse(data);
        if (body.errors?.length) onError(body.errors[0].message);
        else if (body.data) onData(body.data);
      }
    }
  };
  read().catch((error: Error) => {
    if (!abort.signal.aborted) onError(error instanceof ApiError ? error.message : 'the stream was cut');
  });
  return () => abort.abort();
}
