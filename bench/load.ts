/**
 * `npm run load -- [--url http://localhost:4000/graphql] [--duration 60] [--connections 32] [--writes 0.1]`:
 * drives a running server with a realistic mix — entity pages, search, timelines, statement filters,
 * and a share of editor writes — through autocannon, then prints requests per second, p50/p99 latency
 * and the error rate (HTTP errors and GraphQL errors alike). A load script, not a test: it measures.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { mintToken } from '../src/auth/auth.js';
import { loadConfig } from '../src/config.js';
import { exitWithError } from '../src/fatal.js';

const READS = [
  `{ entity(key: "person/david-babayan") { name ... on Person { statements(first: 10) { totalCount edges { node { text
     onBehalfOf { name } about { name } } } } } } }`,
  '{ search(text: "Artsakh", first: 20) { edges { node { score entity { key name } } } } }',
  '{ events(filter: { from: "1985", to: "2015" }, first: 20) { edges { node { key start { iso } places { name } } } } }',
  `{ entity(key: "organisation/osce") { ... on Organisation { statementsAddressedTo(first: 10) { edges { node {
     speaker { name } text reportedBy { speaker { name } } } } } } } }`,
  '{ statements(filter: { kinds: [DIRECT_QUOTE] }, first: 20) { totalCount edges { node { text speaker { name } } } } }',
];
const WRITE = 'mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { key } }';

try {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:4000/graphql' },
      duration: { type: 'string', default: '60' },
      connections: { type: 'string', default: '32' },
      writes: { type: 'string', default: '0.1' },
    },
  });
  const writeShare = Number(values.writes);
  const token = await mintToken(loadConfig(), { role: 'editor', ttlSeconds: 3600, subject: 'load-script' });
  let graphqlErrors = 0;
  let sequence = 0;
  const result = await autocannon({
    url: values.url,
    connections: Number(values.connections),
    duration: Number(values.duration),
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const n = sequence++;
          const write = (n % 1000) / 1000 < writeShare;
          const body = write
            ? {
                query: WRITE,
                variables: { input: { key: `person/load-${n % 5000}`, name: `Load Writer ${n % 5000}` } },
              }
            : { query: READS[n % READS.length] };
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              ...(write ? { authorization: `Bearer ${token}` } : {}),
            },
            body: JSON.stringify(body),
          };
        },
        onResponse: (_status, body) => {
          if (body.includes('"errors"')) graphqlErrors++;
        },
      },
    ],
  });
  const total = result.requests.total;
  const failed = result.non2xx + result.errors + result.timeouts + graphqlErrors;
  console.log(
    [
      `connections ${values.connections}, ${values.duration} s, ${Math.round(writeShare * 100)}% writes`,
      `requests/s ${result.requests.average.toFixed(0)} (total ${total})`,
      `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
      `errors ${failed} (${((failed / Math.max(1, total)) * 100).toFixed(2)}%): ${result.non2xx} non-2xx, ` +
        `${graphqlErrors} GraphQL errors, ${result.errors} socket errors, ${result.timeouts} timeouts`,
    ].join('\n'),
  );
} catch (error) {
  exitWithError('load', error);
}
