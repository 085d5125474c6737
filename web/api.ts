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
 * Subscribes over Server-Sent Events (GET, so anonymous: EventSource cannot send a token), calls
 * `onOpen` once the server holds the subscription and `onData` with each event's data; returns what
 * closes the stream.
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
  const params = new URLSearchParams({ query, variables: JSON.stringify(variables) });
  const source = new EventSource(`/graphql?${params}`);
  source.addEventListener('open', onOpen);
  source.addEventListener('next', (event) => {
    const body = JSON.parse((event as MessageEvent<string>).data);
    if (body.errors?.length) onError(body.errors[0].message);
    else if (body.data) onData(body.data);
  });
  source.addEventListener('complete', () => source.close());
  return () => source.close();
}
