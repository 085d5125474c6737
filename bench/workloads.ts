/**
 * The benchmark's workloads, each written three ways — a newsgraph operation, the peer's
 * (`@neo4j/graphql`) operation, and the floor's one hand-written Cypher query — plus what makes their
 * answers comparable: each answer is turned into one canonical shape, which the benchmark compares before
 * it times anything. Lists the model leaves unordered (a statement's `about`, an event's places) are
 * sorted in that shape; ordered pages (newest statements first, events oldest first, …) are compared as
 * they come. A neighbourhood (W7) is compared by levels, see subgraphShape.
 *
 * The floor's queries use the same stored sort values and indexes newsgraph's do (statements by `dateOrder`,
 * events by `startOrder`, entity lists by `sortKey`), and start from the entity a filter names, as a hand-writer who knows the model
 * would; the peer's are what it generates from its type definitions, sorting by the fields it is given,
 * or a `@cypher` field where that API cannot say it (W7's walk, W9a's places inside places).
 *
 * W1–W5 came first; W6–W9 add the other pages: a source, a neighbourhood, and the root lists of
 * statements and events under each of their filters.
 *
 * The i-th request of a workload is deterministic: parameters are drawn from the graph's size with the
 * same power law as the synthetic graph's links, so hubs and quiet nodes both get asked for.
 */

import { fromGlobalId, toGlobalId } from '../src/model/globalId.js';
import { periodOf } from '../src/model/partialDate.js';
import { KNOWLEDGE_TYPES, STATEMENT_KINDS } from '../src/model/vocabulary.js';
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
  /** When the floor's `result` is not the canonical shape yet: what makes it so (W7). */
  floorCanonical?: (result: unknown) => unknown;
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
      WITH p, s ORDER BY s.dateOrder DESC, s.sortKey LIMIT 10
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
        WITH s ORDER BY s.dateOrder DESC, s.sortKey LIMIT 5
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

/** Only the named parameters, as the variables of an operation that declares only those. */
const pick =
  (...keys: string[]) =>
  (p: Params): Json =>
    Object.fromEntries(keys.map((k) => [k, p[k]]));

type EntityKind = 'person' | 'organisation' | 'place' | 'event';
const TYPE_OF: Record<EntityKind, string> = {
  person: 'Person',
  organisation: 'Organisation',
  place: 'Place',
  event: 'Event',
};

/** The key of a synthetic entity of `kind`, drawn with the power law, and its global id (for newsgraph). */
function entityParams(kind: EntityKind, i: number, entities: number, salt: number) {
  const key = `${kind}/${kind.slice(0, 3)}-${hub(sizes(entities)[kind], i, salt)}`;
  return { key, id: toGlobalId(TYPE_OF[kind], key) };
}

/** Evidence in the canonical shape, by source then position (the model leaves it unordered). */
interface EvidenceShape {
  source: string;
  start: number;
  end: number;
  excerpt: string;
}
const byPosition = (list: EvidenceShape[]) =>
  [...list].sort((a, b) =>
    a.source === b.source ? a.start - b.start || a.end - b.end : a.source < b.source ? -1 : 1,
  );

interface NewsSourceStatement extends NewsStatement {
  evidence: { source: { key: string }; start: number; end: number; excerpt: string }[];
}
type PeerSourceStatement = PeerStatement & {
  reportedInConnection: {
    edges: { properties: { start: number; end: number; excerpt: string }; node: { key: string } }[];
  };
};

const W6: Workload = {
  name: 'W6',
  title:
    'source page: a source and its 50 newest statements with speaker, on-behalf-of, addressed-to, about and evidence',
  write: false,
  params: (i, entities) => {
    const key = `source/sou-${hub(sizes(entities).source, i, 5)}`;
    return { key, id: toGlobalId('Source', key) };
  },
  newsgraph: {
    // newsgraph has no root field by source key: a source is read by its id, with `node`.
    query: `query W6($id: ID!) { node(id: $id) { ... on Source { title statements(first: 50) { edges { node {
      text speaker { name } onBehalfOf { name } addressedTo { name } about { name }
      evidence { source { key } start end excerpt } } } } } } }`,
    variables: pick('id'),
    canonical: (data) => {
      const source = data.node as {
        title: string;
        statements: { edges: { node: NewsSourceStatement }[] };
      } | null;
      if (!source) return null;
      return {
        title: source.title,
        statements: edges(source.statements).map((s) => ({
          ...statementShape(s, s.speaker.name),
          evidence: byPosition(s.evidence.map((e) => ({ ...e, source: e.source.key }))),
        })),
      };
    },
  },
  peer: {
    query: `query W6($key: String!) { sources(where: { key: { eq: $key } }) { title
      statements(limit: 50, sort: [{ dateEarliest: DESC }, { sortKey: ASC }]) {
        text speaker { name } onBehalfOf { name } addressedTo { name } about { name }
        reportedInConnection { edges { properties { start end excerpt } node { key } } } } } }`,
    variables: pick('key'),
    canonical: (data) => {
      const [source] = data.sources as { title: string; statements: PeerSourceStatement[] }[];
      if (!source) return null;
      return {
        title: source.title,
        statements: source.statements.map((s) => ({
          ...statementShape(s, s.speaker[0]?.name),
          evidence: byPosition(
            s.reportedInConnection.edges.map((e) => ({ source: e.node.key, ...e.properties })),
          ),
        })),
      };
    },
  },
  floor: `
    OPTIONAL MATCH (src:Source {key: $key})
    CALL {
      WITH src
      MATCH (src)<-[:REPORTED_IN]-(s:Statement)
      WITH s ORDER BY s.dateOrder DESC, s.sortKey LIMIT 50
      RETURN collect(s { .text, speaker: [(s)-[:SAID_BY]->(x) | x.name][0],
        onBehalfOf: ${sortedNames('(s)-[:ON_BEHALF_OF]->(x)')},
        addressedTo: ${sortedNames('(s)-[:ADDRESSED_TO]->(x)')},
        about: ${sortedNames('(s)-[:ABOUT]->(x)')},
        evidence: COLLECT { MATCH (s)-[r:REPORTED_IN]->(x:Source)
          RETURN { source: x.key, start: r.start, end: r.end, excerpt: r.excerpt } ORDER BY x.key, r.start, r.end }
      }) AS statements
    }
    RETURN CASE WHEN src IS NULL THEN null ELSE { title: src.title, statements: statements } END AS result`,
};

/** A neighbourhood as the peer and the floor return it, and newsgraph's once its ids are keys. */
interface Subgraph {
  truncated: boolean;
  /** The centre first, then the others, nearest first; `label` is an entity's name or a statement's text. */
  nodes: { key: string; label: string }[];
  relationships: { type: string; from: string; to: string }[];
}

/**
 * The canonical shape of a neighbourhood. Nodes are compared by level (hops from the centre) and key,
 * relationships as sorted (from, type, to) triples. A node's level is its distance from the centre
 * inside the subgraph, which is its distance in the graph: every node was reached from one of the level
 * before, and the subgraph holds both and the relationship between them.
 *
 * When the limit cuts a level off, which of its nodes are kept is not defined: newsgraph takes the first
 * ones its level query happens to return (LIMIT without ORDER BY, src/queries/graph.ts), and so do the
 * others. Then that level — the farthest one present — is compared by its size only, and the
 * relationships by those among the nodes of the levels before it.
 */
function subgraphShape(subgraph: Subgraph) {
  const centre = subgraph.nodes[0]?.key;
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => (neighbours.get(a) ?? neighbours.set(a, []).get(a))?.push(b);
  for (const r of subgraph.relationships) {
    link(r.from, r.to);
    link(r.to, r.from);
  }
  const level = new Map<string, number>(centre === undefined ? [] : [[centre, 0]]);
  for (let frontier = centre === undefined ? [] : [centre]; frontier.length > 0; ) {
    const next: string[] = [];
    for (const key of frontier) {
      for (const other of neighbours.get(key) ?? []) {
        if (!level.has(other)) {
          level.set(other, (level.get(key) as number) + 1);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  const levelOf = (key: string) => level.get(key) ?? -1; // -1: not connected to the centre at all
  const farthest = Math.max(0, ...subgraph.nodes.map((n) => levelOf(n.key)));
  const whole = (key: string) => !subgraph.truncated || levelOf(key) < farthest;
  return {
    centre,
    truncated: subgraph.truncated,
    size: subgraph.nodes.length,
    nearestFirst: subgraph.nodes.every(
      (n, k) => k === 0 || levelOf(n.key) >= levelOf(subgraph.nodes[k - 1]?.key ?? ''),
    ),
    nodes: subgraph.nodes
      .filter((n) => whole(n.key))
      .map((n) => `${levelOf(n.key)} ${n.key} ${n.label}`)
      .sort(),
    cutLevelSize: subgraph.nodes.filter((n) => !whole(n.key)).length,
    relationships: subgraph.relationships
      .filter((r) => whole(r.from) && whole(r.to))
      .map((r) => `${r.from} ${r.type} ${r.to}`)
      .sort(),
  };
}

const WALKED = KNOWLEDGE_TYPES.join('|');

/**
 * The neighbourhood within two hops, written by hand: the peer's `@cypher` field and the floor run it.
 * Breadth first like newsgraph's, with its limit rule: a level that does not fit is cut to what does,
 * and nothing beyond it is walked. Walks the relationship types newsgraph walks by default.
 */
export const NEIGHBOURHOOD_CYPHER = (column: string) => `
  MATCH (c:Entity {key: $key})
  WITH c, toInteger($limit) AS most
  CALL {
    WITH c
    MATCH (c)-[:${WALKED}]-(x) WHERE x <> c
    RETURN collect(DISTINCT x) AS one
  }
  WITH c, most, one[..most - 1] AS one, size(one) > most - 1 AS cut
  CALL {
    WITH c, one, cut
    WITH c, one WHERE NOT cut
    UNWIND one AS y
    MATCH (y)-[:${WALKED}]-(x) WHERE x <> c AND NOT x IN one
    RETURN collect(DISTINCT x) AS two
  }
  WITH [c] + one + two[..most - 1 - size(one)] AS nodes, cut OR size(two) > most - 1 - size(one) AS truncated
  CALL {
    WITH nodes
    UNWIND nodes AS a
    MATCH (a)-[r:${WALKED}]->(b) WHERE b IN nodes
    RETURN collect({ type: type(r), from: a.key, to: b.key }) AS relationships
  }
  RETURN { truncated: truncated, nodes: [n IN nodes | { key: n.key, label: coalesce(n.name, n.text) }],
    relationships: relationships } AS ${column}`;

const ENTITY_KINDS: EntityKind[] = ['person', 'organisation', 'place', 'event'];

const W7: Workload = {
  name: 'W7',
  title: 'neighbourhood: the nodes within 2 hops of an entity (at most 200) and the relationships among them',
  write: false,
  params: (i, entities) => ({
    ...entityParams(ENTITY_KINDS[i % ENTITY_KINDS.length] as EntityKind, i, entities, 6),
    limit: 200,
  }),
  newsgraph: {
    query: `query W7($id: ID!, $limit: Int!) { neighbourhood(id: $id, depth: 2, limit: $limit) {
      truncated nodes { id ... on Entity { name } ... on Statement { text } } relationships { type from to } } }`,
    variables: pick('id', 'limit'),
    canonical: (data) => {
      const subgraph = data.neighbourhood as {
        truncated: boolean;
        nodes: { id: string; name?: string; text?: string }[];
        relationships: Subgraph['relationships'];
      };
      const key = (id: string) => fromGlobalId(id).key;
      return subgraphShape({
        truncated: subgraph.truncated,
        nodes: subgraph.nodes.map((n) => ({ key: key(n.id), label: n.name ?? n.text ?? '' })),
        relationships: subgraph.relationships.map((r) => ({
          type: r.type,
          from: key(r.from),
          to: key(r.to),
        })),
      });
    },
  },
  peer: {
    // Its generated API has no walk of any depth: a `@cypher` field, as its users would write it.
    query: `query W7($key: String!, $limit: Int!) { neighbourhood(key: $key, limit: $limit) {
      truncated nodes { key label } relationships { type from to } } }`,
    variables: pick('key', 'limit'),
    canonical: (data) => subgraphShape(data.neighbourhood as Subgraph),
  },
  floor: NEIGHBOURHOOD_CYPHER('result'),
  floorCanonical: (result) => subgraphShape(result as Subgraph),
};

/** What a filtered list of statements shows of each: its text, speaker and what it is about. */
interface ListedStatement {
  text: string;
  speaker: { name: string };
  about: { name: string }[];
}
const listedShape = (s: Omit<ListedStatement, 'speaker'>, speaker: string | undefined) => ({
  text: s.text,
  speaker,
  about: names(s.about),
});

/**
 * The root list of statements under one filter, 20 newest first, the three ways: newsgraph's `filter`,
 * the peer's `where` (sorted by the stored date and sort key), and the floor's hand-written MATCH of the
 * statements (`s`), anchored at the entity where there is one.
 */
function statementList(spec: {
  name: string;
  title: string;
  params: (i: number, entities: number) => Params;
  newsgraph: { variables: string; filter: string; values: (p: Params) => Json };
  peer: { variables: string; where: string; values: (p: Params) => Json };
  floorMatch: string;
}): Workload {
  return {
    name: spec.name,
    title: spec.title,
    write: false,
    params: spec.params,
    newsgraph: {
      query: `query ${spec.name}(${spec.newsgraph.variables}) { statements(filter: ${spec.newsgraph.filter}, first: 20) {
        edges { node { text speaker { name } about { name } } } } }`,
      variables: spec.newsgraph.values,
      canonical: (data) =>
        edges(data.statements as { edges: { node: ListedStatement }[] }).map((s) =>
          listedShape(s, s.speaker.name),
        ),
    },
    peer: {
      query: `query ${spec.name}(${spec.peer.variables}) { statements(where: ${spec.peer.where}, limit: 20,
        sort: [{ dateEarliest: DESC }, { sortKey: ASC }]) { text speaker { name } about { name } } }`,
      variables: spec.peer.values,
      canonical: (data) =>
        (data.statements as (Omit<ListedStatement, 'speaker'> & { speaker: { name: string }[] })[]).map((s) =>
          listedShape(s, s.speaker[0]?.name),
        ),
    },
    floor: `
      ${spec.floorMatch}
      WITH s ORDER BY s.dateOrder DESC, s.sortKey LIMIT 20
      RETURN collect(s { .text, speaker: [(s)-[:SAID_BY]->(x) | x.name][0],
        about: ${sortedNames('(s)-[:ABOUT]->(x)')} }) AS result`,
  };
}

/** A statement filter that takes an entity: `field` in newsgraph and the peer, `relationship` in Cypher. */
function statementsByEntity(
  name: string,
  title: string,
  field: string,
  relationship: string,
  kindOf: (i: number) => EntityKind,
  salt: number,
): Workload {
  return statementList({
    name,
    title,
    params: (i, entities) => entityParams(kindOf(i), i, entities, salt),
    newsgraph: { variables: '$id: ID!', filter: `{ ${field}: $id }`, values: pick('id') },
    peer: {
      variables: '$key: String!',
      where: `{ ${field}: { some: { key: { eq: $key } } } }`,
      values: pick('key'),
    },
    floorMatch: `MATCH (:Entity {key: $key})<-[:${relationship}]-(s:Statement)`,
  });
}

// The synthetic graph's statements are by people (80%) or organisations, on behalf of and addressed to
// organisations, and about any kind of entity.
const W8a = statementsByEntity(
  'W8a',
  'statements filtered by speaker (a person or an organisation): the 20 newest, with speaker and about',
  'speaker',
  'SAID_BY',
  (i) => (i % 5 === 4 ? 'organisation' : 'person'),
  7,
);
const W8b = statementsByEntity(
  'W8b',
  'statements filtered by on-behalf-of (an organisation): the 20 newest, with speaker and about',
  'onBehalfOf',
  'ON_BEHALF_OF',
  () => 'organisation',
  8,
);
const W8c = statementsByEntity(
  'W8c',
  'statements filtered by addressed-to (an organisation): the 20 newest, with speaker and about',
  'addressedTo',
  'ADDRESSED_TO',
  () => 'organisation',
  9,
);
const W8d = statementsByEntity(
  'W8d',
  'statements filtered by about (an entity of any type): the 20 newest, with speaker and about',
  'about',
  'ABOUT',
  (i) => ENTITY_KINDS[i % ENTITY_KINDS.length] as EntityKind,
  10,
);

const W8e = statementList({
  name: 'W8e',
  title: 'statements filtered by kinds (one or two): the 20 newest, with speaker and about',
  params: (i) => {
    const first = STATEMENT_KINDS[i % STATEMENT_KINDS.length] as string;
    const second = STATEMENT_KINDS[(i + 1) % STATEMENT_KINDS.length] as string;
    return { kinds: i % 3 === 2 ? [first, second] : [first] };
  },
  newsgraph: { variables: '$kinds: [StatementKind!]', filter: '{ kinds: $kinds }', values: pick('kinds') },
  peer: { variables: '$kinds: [String!]', where: '{ kind: { in: $kinds } }', values: pick('kinds') },
  // Walks the statements' date order and keeps the kinds asked for, as newsgraph does: a sort of every
  // statement of a kind (a fifth of them) took seconds.
  floorMatch:
    'MATCH (s:Statement) USING INDEX s:Statement(dateOrder) WHERE s.dateOrder IS NOT NULL AND s.kind IN $kinds',
});

/**
 * A period of partial dates inside `from`–`to` (years), of one of three shapes: a year, a month, or a
 * decade up to a year in it. `fromDay` and `toDay` are the first and last day it can mean, as newsgraph
 * computes them (periodOf), for the peer and the floor.
 */
function periodParams(i: number, salt: number, from: number, to: number) {
  const year = from + Math.floor((to - from) * unit(i, salt));
  const month = String(1 + Math.floor(12 * unit(i, salt + 1))).padStart(2, '0');
  const [start, end] = [
    [`${year}`, `${year}`],
    [`${year}-${month}`, `${year}-${month}`],
    [`${year - (year % 10)}s`, `${year}`],
  ][i % 3] as [string, string];
  const days = periodOf(start, end);
  return { from: start, to: end, fromDay: days.from, toDay: days.to };
}

const W8f = statementList({
  name: 'W8f',
  title:
    'statements filtered by period (a year, a month, or a decade to a year): the 20 newest, with speaker and about',
  // The synthetic statements are dated 1990–2025.
  params: (i) => periodParams(i, 11, 1990, 2026),
  newsgraph: {
    variables: '$from: String!, $to: String!',
    filter: '{ from: $from, to: $to }',
    values: pick('from', 'to'),
  },
  // Statements dated no earlier than the period's first day can mean and no later than its last.
  peer: {
    variables: '$fromDay: String!, $toDay: String!',
    where: '{ dateLatest: { gte: $fromDay }, dateEarliest: { lte: $toDay } }',
    values: pick('fromDay', 'toDay'),
  },
  // Seeks the date order to the period (a partial date spans less than ten years), as newsgraph does.
  floorMatch: `MATCH (s:Statement) WHERE s.dateOrder <= $toDay
    AND s.dateOrder >= toString(date($fromDay) - duration({years: 10}))
    AND s.dateLatest >= $fromDay AND s.dateEarliest <= $toDay`,
});

/** The root list of events under a filter, the 20 first by start, each with its key and name. */
interface ListedEvent {
  key: string;
  name: string;
}
const eventsShape = (list: ListedEvent[]) => list.map((e) => ({ key: e.key, name: e.name }));
const EVENT_PAGE = `ORDER BY e.startOrder LIMIT 20
  RETURN collect(e { .key, .name }) AS result`;

/** Events in the place or in places inside it, as newsgraph's place filter matches them. */
export const EVENTS_IN_PLACE = `
  MATCH (:Place {key: $place})<-[:PART_OF*0..10]-(:Place)<-[:OCCURRED_IN]-(e:Event)
  WHERE e.startOrder IS NOT NULL`;

const W9a: Workload = {
  name: 'W9a',
  title: 'events filtered by place (events in places inside it too): the 20 first by start, key and name',
  write: false,
  params: (i, entities) => {
    const { key, id } = entityParams('place', i, entities, 12);
    return { place: key, id };
  },
  newsgraph: {
    query: `query W9a($id: ID!) { events(filter: { place: $id }, first: 20) { edges { node { key name } } } }`,
    variables: pick('id'),
    canonical: (data) => eventsShape(edges(data.events as { edges: { node: ListedEvent }[] })),
  },
  peer: {
    // Its `where` cannot follow PART_OF to any depth: a `@cypher` field, as its users would write it.
    query: 'query W9a($place: String!) { eventsInPlace(place: $place, first: 20) { key name } }',
    variables: pick('place'),
    canonical: (data) => eventsShape(data.eventsInPlace as ListedEvent[]),
  },
  // An event can occur in two places inside the one asked for: DISTINCT.
  floor: `${EVENTS_IN_PLACE}
    WITH DISTINCT e ${EVENT_PAGE}`,
};

const W9b: Workload = {
  name: 'W9b',
  title:
    'events filtered by period (a year, a month, or a decade to a year): the 20 first by start that overlap it',
  write: false,
  // The synthetic events start 1950–2025.
  params: (i) => periodParams(i, 13, 1950, 2026),
  newsgraph: {
    query: `query W9b($from: String!, $to: String!) { events(filter: { from: $from, to: $to }, first: 20) {
      edges { node { key name } } } }`,
    variables: pick('from', 'to'),
    canonical: (data) => eventsShape(edges(data.events as { edges: { node: ListedEvent }[] })),
  },
  peer: {
    // Overlap: ended (or, with no end, began) no earlier than the first day, began no later than the last.
    query: `query W9b($fromDay: String!, $toDay: String!) { events(where: { AND: [
        { OR: [{ endLatest: { gte: $fromDay } }, { endLatest: { eq: null }, startLatest: { gte: $fromDay } }] },
        { startEarliest: { lte: $toDay } }] },
      limit: 20, sort: [{ startEarliest: ASC }, { key: ASC }]) { key name } }`,
    variables: pick('fromDay', 'toDay'),
    canonical: (data) => eventsShape(data.events as ListedEvent[]),
  },
  floor: `
    MATCH (e:Event) WHERE e.startOrder IS NOT NULL
      AND coalesce(e.endLatest, e.startLatest) >= $fromDay AND e.startEarliest <= $toDay
    WITH e ${EVENT_PAGE}`,
};

/** Every workload, reads first. */
export const WORKLOADS: readonly Workload[] = [
  W1,
  W2,
  W3,
  W4,
  W6,
  W7,
  W8a,
  W8b,
  W8c,
  W8d,
  W8e,
  W8f,
  W9a,
  W9b,
  W5,
];
