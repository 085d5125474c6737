/**
 * The peer: the Neo4j GraphQL Library (`@neo4j/graphql` 7) over the same graph, served by graphql-yoga —
 * what a team would build instead of newsgraph. Type definitions map newsgraph's model (labels,
 * relationship types, properties) as that library expects; search is a `@cypher` field over the same
 * full-text index, which is how its users query an index across several labels. What its generated API
 * cannot express — a walk of two hops (W7), places inside places to any depth (W9a) — are `@cypher`
 * fields too, as its users would write them. String comparisons (`gte`, `lte` on the ISO dates) are off
 * by default in that library: the period filters need them turned on.
 *
 * Run as a process by the benchmark: `PORT=… NEO4J_URI=… NEO4J_USER=… NEO4J_PASSWORD=… node --import tsx bench/peer.ts`.
 */
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import type { Driver } from 'neo4j-driver';
import { serveFromEnv } from './serve.js';
import { EVENTS_IN_PLACE, NEIGHBOURHOOD_CYPHER } from './workloads.js';

export const PEER_TYPE_DEFS = /* GraphQL */ `
  interface Entity {
    key: String!
    name: String!
    sortKey: String!
  }

  type Person implements Entity @node(labels: ["Person", "Entity"]) {
    key: String!
    name: String!
    sortKey: String!
    statements: [Statement!]! @relationship(type: "SAID_BY", direction: IN)
  }

  type Organisation implements Entity @node(labels: ["Organisation", "Entity"]) {
    key: String!
    name: String!
    sortKey: String!
    members: [Person!]! @relationship(type: "AFFILIATED_WITH", direction: IN, properties: "Affiliation")
  }

  type Place implements Entity @node(labels: ["Place", "Entity"]) {
    key: String!
    name: String!
    sortKey: String!
  }

  type Event implements Entity @node(labels: ["Event", "Entity"]) {
    key: String!
    name: String!
    sortKey: String!
    startEarliest: String
    startLatest: String
    endLatest: String
    places: [Place!]! @relationship(type: "OCCURRED_IN", direction: OUT)
    participants: [Entity!]! @relationship(type: "PARTICIPATED_IN", direction: IN, properties: "Participation")
  }

  type Affiliation @relationshipProperties {
    role: String
  }

  type Participation @relationshipProperties {
    role: String!
  }

  type Evidence @relationshipProperties {
    start: Int!
    end: Int!
    excerpt: String
  }

  type Source @node {
    key: String!
    title: String!
    statements: [Statement!]! @relationship(type: "REPORTED_IN", direction: IN, properties: "Evidence")
  }

  type Statement @node {
    key: String!
    kind: String!
    text: String!
    sortKey: String!
    dateEarliest: String
    dateLatest: String
    speaker: [Entity!]! @relationship(type: "SAID_BY", direction: OUT)
    onBehalfOf: [Entity!]! @relationship(type: "ON_BEHALF_OF", direction: OUT)
    addressedTo: [Entity!]! @relationship(type: "ADDRESSED_TO", direction: OUT)
    about: [Entity!]! @relationship(type: "ABOUT", direction: OUT)
    reportedIn: [Source!]! @relationship(type: "REPORTED_IN", direction: OUT, properties: "Evidence")
  }

  type SearchHit {
    key: String!
    name: String!
    score: Float!
  }

  type SubgraphNode {
    key: String!
    label: String!
  }

  type SubgraphRelationship {
    type: String!
    from: String!
    to: String!
  }

  type Subgraph {
    truncated: Boolean!
    nodes: [SubgraphNode!]!
    relationships: [SubgraphRelationship!]!
  }

  type Query {
    search(query: String!, first: Int!): [SearchHit!]!
      @cypher(
        statement: """
        CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
        WITH node, score ORDER BY score DESC, node.key LIMIT $first
        RETURN { key: node.key, name: node.name, score: score } AS hit
        """
        columnName: "hit"
      )
    neighbourhood(key: String!, limit: Int!): Subgraph!
      @cypher(
        statement: """
        ${NEIGHBOURHOOD_CYPHER('subgraph')}
        """
        columnName: "subgraph"
      )
    eventsInPlace(place: String!, first: Int!): [Event!]!
      @cypher(
        statement: """
        ${EVENTS_IN_PLACE}
        WITH DISTINCT e ORDER BY e.startOrder LIMIT $first
        RETURN e
        """
        columnName: "e"
      )
  }
`;

/** The peer's executable schema over a driver. */
export function createPeerSchema(driver: Driver) {
  return new Neo4jGraphQL({
    typeDefs: PEER_TYPE_DEFS,
    driver,
    features: { filters: { String: { GTE: true, LTE: true } } },
  }).getSchema();
}

/** The peer as a fetch-style app (graphql-yoga, no logging). */
export async function createPeerApp(driver: Driver) {
  return createYoga({ schema: await createPeerSchema(driver), logging: false, graphiql: false });
}

if (import.meta.url === `file://${process.argv[1]}`) await serveFromEnv(createPeerApp);
