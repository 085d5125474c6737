/**
 * The benchmark's workloads, each written three ways — a newsgraph operation, the peer's
 * (`@neo4j/graphql`) operation, and the floor's one hand-written Cypher query — plus what makes their
 * answers comparable: each answer is turned into one canonical shape, which the benchmark compares before
 * it times anything. Lists the model leaves unordered (a statement's `about`, an event's places) are
 * sorted in that shape; ordered pages (newest statements first, events oldest first, …) are compared as
 * they come.
 *
 * The floor's queries use the same indexes newsgraph's do (events by their stored `startOrder`, entity
 * lists by `sortKey`), as a hand-writer who knows the model would; the peer's are what it generates from
 * its type definitions, sorting by the fields it is given.
 *
 * The i-th request of a workload is deterministic: parameters are drawn from the graph's size with the
 * same power law as the synthetic graph's links, so hubs and quiet nodes both get asked for.
 */

import { toLuceneQuery } from '../src/queries/lists.js';
import { sizes } from '../src/seed/synthetic.js';

type Json = Record<string, unknown>;
type Params = Record<string, unknown>;

export interface Operation {
  query: string;
  variables(params: Params): Json;
  /** The response's `data` in the canonical shape. */
  canonical(data: Json): unknown;
}

export interface Workload {
  name: string;
  title: string;
  /** Writes change the graph: they run last, and with editor credentials on newsgraph. */
  write: boolean;
  /** Parameters of the i-th request on a graph of `entities` entities; `run` keeps writes unique. */
  params(i: number, entities: number, run: string): Params;
  newsgraph: Operation;
  peer: Operation;
  /** One Cypher query returning one row whose `result` column is the canonical shape. */
  floor: string;
}

/** A well-mixed number in [0, 1) from an index (the same for every server). */
function unit(i: number, salt: number): number {
  let t = (Math.imul(i + 1, 2654435761) ^ Math.imul(salt, 40503)) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
/** An index in [0, n) with the synthetic graph's power law (hubs are likelier). */
const hub = (n: number, i: number, salt: number) => Math.floor(n * unit(i, salt) ** 3);

const names = (list: { name: string }[]) => list.map((x) => x.name).sort();
const edges = <T>(connection: { edges: { node: T }[] }) => connection.edges.map((e) => e.node);

// A sorted list of names, in Cypher, for the canonical shapes of the floor.
const sortedNames = (pattern: string) => `COLLECT { MATCH ${pattern} RETURN x.name ORDER BY x.name }`;

interface NewsStatement {
  text: string;
  speaker: { name: string };
  onBehalfOf: { name: string }[];
  /** Selected by W5 only. */
  addressedTo?: { name: string }[];
  about: { name: string }[];
}
/** The peer models the speaker as a relationship list (one element). */
type PeerStatement = Omit<NewsStatement, 'speaker'> & { speaker: { name: string }[] };

/** A statement with its links in the canonical shape, given its speaker's name (each side holds it its way). */
const statementShape = (s: Omit<NewsStatement, 'speaker'>, speaker: string | undefined) => ({
  text: s.text,
  speaker,
  onBehalfOf: names(s.onBehalfOf),
  ...(s.addressedTo ? { addressedTo: names(s.addressedTo) } : {}),
  about: names(s.about),
});

const W1: Workload = {
  name: 'W1',
  title: 'entity page: a person and their 10 newest statements with speaker, on-behalf-of and about',
  write: false,
  params: (i, entities) => ({ key: `person/per-${hub(sizes(entities).person, i, 1)}` }),
  newsgraph: {
    query: `query W1($key: String!) { entity(key: $key) { name ... on Person { statements(first: 10) { edges { node {
      text speaker { name } onBehalfOf { name } about { name } } } } } } }`,
    variables: (p) => p,
    canonical: (data) => {
      const entity = data.entity as { name: string; statements: { edges: { node: NewsStatement }[] } } | null;
      return (
        entity && {
          name: entity.name,
          statements: edges(entity.statements).map((s) => statementShape(s, s.speaker.name)),
        }
      );
    },
  },
  peer: {
    query: `query W1($key: String!) { people(where: { key: { eq: $key } }) { name
      statements(limit: 10, sort: [{ dateEarliest: DESC }, { sortKey: ASC }]) {
        text speaker { name } onBehalfOf { name } about { name } } } }`,
    variables: (p) => p,
    canonical: (data) => {
      const [person] = data.people as {
        name: string;
        statements: PeerStatement[];
      }[];
      return (
        person && {
          name: person.name,
          statements: person.statements.map((s) => statementShape(s, s.speaker[0]?.name)),
        }
      );
    },
  },
  floor: `
    OPTIONAL MATCH (p:Person {key: $key})
    CALL {
      WITH p
      MATCH (p)<-[:SAID_BY]-(s:Statement)
      WITH p, s ORDER BY coalesce(s.dateEarliest, '0000-00-00') DESC, s.sortKey LIMIT 10
      RETURN collect(s { .text, speaker: p.name,
        onBehalfOf: ${sortedNames('(s)-[:ON_BEHALF_OF]->(x)')},
        about: ${sortedNames('(s)-[:ABOUT]->(x)')} }) AS statements
    }
    RETURN CASE WHEN p IS NULL THEN null ELSE { name: p.name, statements: statements } END AS result`,
};

interface NewsEvent {
  key: string;
  name: string;
  places: { name: string }[];
  participants: { edges: { node: { role: string; entity: { name: string } } }[] };
}

const W2: Workload = {
  name: 'W2',
  title: 'list page: the 50 first events with their places and 5 participants each',
  write: false,
  params: () => ({}),
  newsgraph: {
    query: `query W2 { events(first: 50) { edges { node { key name places { name }
      participants(first: 5) { edges { node { role entity { name } } } } } } } }`,
    variables: () => ({}),
    canonical: (data) =>
      edges(data.events as { edges: { node: NewsEvent }[] }).map((e) => ({
        key: e.key,
        name: e.name,
        places: names(e.places),
        participants: edges(e.participants).map((p) => ({ name: p.entity.name, role: p.role })),
      })),
  },
  peer: {
    query: `query W2 { events(limit: 50, sort: [{ startEarliest: ASC }, { key: ASC }]) { key name places { name }
      participantsConnection(first: 5, sort: [{ node: { sortKey: ASC } }, { edge: { role: ASC } }]) {
        edges { properties { role } node { name } } } } }`,
    variables: () => ({}),
    canonical: (data) =>
      (
        data.events as {
          key: string;
          name: string;
          places: { name: string }[];
          participantsConnection: { edges: { properties: { role: string }; node: { name: string } }[] };
        }[]
      ).map((e) => ({
        key: e.key,
        name: e.name,
        places: names(e.places),
        participants: e.participantsConnection.edges.map((p) => ({
          name: p.node.name,
          role: p.properties.role,
        })),
      })),
  },
  floor: `
    MATCH (e:Event) WHERE e.startOrder IS NOT NULL
    WITH e ORDER BY e.startOrder LIMIT 50
    RETURN collect(e { .key, .name,
      places: ${sortedNames('(e)-[:OCCURRED_IN]->(x:Place)')},
      participants: COLLECT { MATCH (e)<-[r:PARTICIPATED_IN]-(x:Entity)
        RETURN { name: x.name, role: r.role } ORDER BY x.sortKey, coalesce(r.role, '') LIMIT 5 } }) AS result`,
};

interface NewsOrganisation {
  name: string;
  members: {
    edges: {
      node: {
        role: string | null;
        member: { name: string; statements?: { edges: { node: NewsStatement }[] } };
      };
    }[];
  };
}

const W3: Workload = {
  name: 'W3',
  title: 'deep: 20 organisations → 10 members each → 5 statements each → what they are about',
  write: false,
  params: () => ({}),
  newsgraph: {
    query: `query W3 { organisations(first: 20) { edges { node { name members(first: 10) { edges { node { role
      member { name ... on Person { statements(first: 5) { edges { node { text about { name } } } } } } } } } } } } }`,
    variables: () => ({}),
    canonical: (data) =>
      edges(data.organisations as { edges: { node: NewsOrganisation }[] }).map((o) => ({
        name: o.name,
        members: edges(o.members).map((m) => ({
          name: m.member.name,
          role: m.role,
          statements: edges(m.member.statements ?? { edges: [] }).map((s) => ({
            text: s.text,
            about: names(s.about),
          })),
        })),
      })),
  },
  peer: {
    query: `query W3 { organisations(limit: 20, sort: [{ sortKey: ASC }]) { name
      membersConnection(first: 10, sort: [{ node: { sortKey: ASC } }, { edge: { role: ASC } }]) { edges {
        properties { role }
        node { name statements(limit: 5, sort: [{ dateEarliest: DESC }, { sortKey: ASC }]) { text about { name } } } } } } }`,
    variables: () => ({}),
    canonical: (data) =>
      (
        data.organisations as {
          name: string;
          membersConnection: {
            edges: {
              properties: { role: string | null };
              node: { name: string; statements: { text: string; about: { name: string }[] }[] };
            }[];
          };
        }[]
      ).map((o) => ({
        name: o.name,
        members: o.membersConnection.edges.map((m) => ({
          name: m.node.name,
          role: m.properties.role,
          statements: m.node.statements.map((s) => ({ text: s.text, about: names(s.about) })),
        })),
      })),
  },
  floor: `
    MATCH (o:Entity:Organisation) WHERE o.sortKey IS NOT NULL
    WITH o ORDER BY o.sortKey LIMIT 20
    RETURN collect(o { .name, members: COLLECT {
      MATCH (o)<-[r:AFFILIATED_WITH]-(m:Entity)
      WITH r, m ORDER BY m.sortKey, coalesce(r.role, '') LIMIT 10
      RETURN { name: m.name, role: r.role, statements: COLLECT {
        MATCH (m)<-[:SAID_BY]-(s:Statement)
        WITH s ORDER BY coalesce(s.dateEarliest, '0000-00-00') DESC, s.sortKey LIMIT 5
        RETURN { text: s.text, about: ${sortedNames('(s)-[:ABOUT]->(x)')} } } }
    } }) AS result`,
};

// Words the synthetic names are made of: first names, organisation words, syllable stems (fuzzy).
const SEARCH_TERMS = [
  'David',
  'Anna Council',
  'Ministry',
  'Karen Sanoyan',
  'Front',
  'Lilit',
  'Tigran Agency',
];

const W4: Workload = {
  name: 'W4',
  title: 'search: the top 20 entities for a name (full-text, one-typo fuzzy)',
  write: false,
  params: (i) => {
    const text = SEARCH_TERMS[i % SEARCH_TERMS.length] as string;
    return { text, query: toLuceneQuery(text) };
  },
  newsgraph: {
    query:
      'query W4($text: String!) { search(text: $text, first: 20) { edges { node { score entity { key name } } } } }',
    variables: (p) => ({ text: p.text }),
    canonical: (data) =>
      edges(
        data.search as { edges: { node: { score: number; entity: { key: string; name: string } } }[] },
      ).map((h) => ({ key: h.entity.key, name: h.entity.name, score: h.score })),
  },
  peer: {
    // The peer is handed the same Lucene query newsgraph builds from the text.
    query: 'query W4($query: String!) { search(query: $query, first: 20) { key name score } }',
    variables: (p) => ({ query: p.query }),
    canonical: (data) => data.search,
  },
  floor: `
    CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
    WITH node, score ORDER BY score DESC, node.key LIMIT 20
    RETURN collect({ key: node.key, name: node.name, score: score }) AS result`,
};

const W5: Workload = {
  name: 'W5',
  title:
    'write: add a statement with evidence, a speaker and three links (on behalf of, addressed to, about)',
  write: true,
  params: (i, entities, run) => {
    const n = sizes(entities);
    return {
      run,
      i,
      speaker: `person/per-${(i * 7919 + Number.parseInt(run, 36)) % n.person}`,
      onBehalfOf: `organisation/org-${hub(n.organisation, i, 2)}`,
      addressedTo: `organisation/org-${hub(n.organisation, i, 3)}`,
      about: `place/pla-${hub(n.place, i, 4)}`,
      source: `source/sou-${i % n.source}`,
      start: i % 1000,
      end: (i % 1000) + 40,
      text: `benchmark statement ${run} ${i}`,
    };
  },
  newsgraph: {
    query: `mutation W5($input: AddStatementInput!) { addStatement(input: $input) {
      text speaker { name } onBehalfOf { name } addressedTo { name } about { name } } }`,
    variables: (p) => ({
      input: {
        kind: 'PARAPHRASE',
        text: p.text,
        date: '2026-11',
        speaker: p.speaker,
        onBehalfOf: [p.onBehalfOf],
        addressedTo: [p.addressedTo],
        about: [p.about],
        evidence: [{ source: p.source, start: p.start, end: p.end }],
      },
    }),
    canonical: (data) => {
      const s = data.addStatement as NewsStatement;
      return statementShape(s, s.speaker.name);
    },
  },
  peer: {
    query: `mutation W5($input: [StatementCreateInput!]!) { createStatements(input: $input) { statements {
      text speaker { name } onBehalfOf { name } addressedTo { name } about { name } } } }`,
    variables: (p) => {
      const to = (key: unknown) => ({ connect: [{ where: { node: { key: { eq: key } } } }] });
      return {
        input: [
          {
            key: `statement/peer-${p.run}-${p.i}`,
            kind: 'PARAPHRASE',
            text: p.text,
            sortKey: `${p.source}|${String(p.start).padStart(9, '0')}|statement/peer-${p.run}-${p.i}`,
            dateEarliest: '2026-11-01',
            speaker: to(p.speaker),
            onBehalfOf: to(p.onBehalfOf),
            addressedTo: to(p.addressedTo),
            about: to(p.about),
            reportedIn: {
              connect: [
                {
                  where: { node: { key: { eq: p.source } } },
                  edge: { start: p.start, end: p.end },
                },
              ],
            },
          },
        ],
      };
    },
    canonical: (data) => {
      const [s] = (data.createStatements as { statements: PeerStatement[] }).statements;
      return s && statementShape(s, s.speaker[0]?.name);
    },
  },
  floor: `
    MATCH (speaker:Entity {key: $speaker}), (src:Source {key: $source})
    WITH speaker, src, 'statement/floor-' + $run + '-' + $i AS key
    MERGE (s:Statement {key: key})
    SET s.kind = 'PARAPHRASE', s.text = $text, s.dateIso = '2026-11', s.datePrecision = 'MONTH',
        s.dateEarliest = '2026-11-01', s.dateLatest = '2026-11-30',
        s.sortKey = $source + '|' + right('000000000' + toString($start), 9) + '|' + key
    MERGE (s)-[:SAID_BY]->(speaker)
    MERGE (s)-[r:REPORTED_IN {start: $start, end: $end}]->(src)
    SET r.excerpt = substring(src.text, $start, $end - $start)
    WITH s, speaker
    CALL { WITH s MATCH (x:Entity {key: $onBehalfOf}) MERGE (s)-[:ON_BEHALF_OF]->(x) }
    CALL { WITH s MATCH (x:Entity {key: $addressedTo}) MERGE (s)-[:ADDRESSED_TO]->(x) }
    CALL { WITH s MATCH (x:Entity {key: $about}) MERGE (s)-[:ABOUT]->(x) }
    RETURN { text: s.text, speaker: speaker.name,
      onBehalfOf: ${sortedNames('(s)-[:ON_BEHALF_OF]->(x)')},
      addressedTo: ${sortedNames('(s)-[:ADDRESSED_TO]->(x)')},
      about: ${sortedNames('(s)-[:ABOUT]->(x)')} } AS result`,
};

/** Every workload, reads first. */
export const WORKLOADS: readonly Workload[] = [W1, W2, W3, W4, W5];
