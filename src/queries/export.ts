/**
 * Subgraphs for analysts' own tools: a neighbourhood, the shortest paths between two nodes, an entity's
 * co-mention network, or what a read-only Cypher query returned — as JSON (nodes and edges) or as
 * GraphML, which Gephi, yEd and Cytoscape open. Served at /export and by `npm run export`.
 */
import type { Database } from '../db/database.js';
import { badInput } from '../errors.js';
import { toGlobalId } from '../model/globalId.js';
import { cypherParams } from '../model/json.js';
import { coMentions } from './analyst.js';
import { type CypherLimits, runGuardedCypher } from './cypher.js';
import {
  type NodeRecord,
  neighbourhood,
  type RelationshipRecord,
  type SubgraphRecord,
  shortestPaths,
} from './graph.js';

export type ExportFormat = 'json' | 'graphml';
type Endpoint = { label: 'Entity' | 'Statement' | 'Source'; key: string };

export type ExportRequest =
  | { kind: 'neighbourhood'; centre: Endpoint; depth: number; limit: number; types?: string[] }
  | { kind: 'path'; from: Endpoint; to: Endpoint; maxLength: number; types?: string[] }
  | { kind: 'co-mentions'; centre: Endpoint; first: number }
  | ({ kind: 'cypher'; query: string; params: Record<string, unknown> } & CypherLimits);

/** The subgraph an export request names; NOT_FOUND-like cases give an empty graph. */
export async function exportSubgraph(db: Database, request: ExportRequest): Promise<SubgraphRecord> {
  switch (request.kind) {
    case 'neighbourhood':
      return (
        (await neighbourhood(db, request.centre, request.depth, request.limit, request.types)) ?? {
          nodes: [],
          relationships: [],
          truncated: false,
        }
      );
    case 'path': {
      const paths = await shortestPaths(db, request.from, request.to, {
        maxLength: request.maxLength,
        types: request.types,
        all: true,
        limit: 25,
      });
      const nodes = new Map(paths.flatMap((p) => p.nodes).map((n) => [`${n.label}:${n.key}`, n]));
      const relationships = new Map(
        paths.flatMap((p) => p.relationships).map((r) => [`${r.type}:${r.from.key}:${r.to.key}`, r]),
      );
      return { nodes: [...nodes.values()], relationships: [...relationships.values()], truncated: false };
    }
    case 'co-mentions': {
      const [centre] = (await neighbourhood(db, request.centre, 1, 1))?.nodes ?? [];
      if (!centre) return { nodes: [], relationships: [], truncated: false };
      const others = await coMentions(db, request.centre.key, { from: null, to: null }, request.first);
      return {
        nodes: [centre, ...others.map((o) => o.entity)],
        relationships: others.map((o) => ({
          type: 'CO_MENTIONED',
          from: { label: centre.label, key: centre.key },
          to: { label: o.entity.label, key: o.entity.key },
          properties: { weight: o.weight, statements: o.statements, sources: o.sources },
        })),
        truncated: false,
      };
    }
    case 'cypher': {
      const result = await runGuardedCypher(db, request.query, request.params, request);
      return { nodes: result.nodes, relationships: result.relationships, truncated: result.truncated };
    }
  }
}

const idOf = (n: { label: string; key: string }) => toGlobalId(n.label, n.key);

/** The properties worth showing in another tool, by node type. */
function attributes(node: NodeRecord): Record<string, string> {
  const common = { type: node.label, key: node.key };
  if (node.label === 'Statement')
    return { ...common, name: node.text.slice(0, 80), kind: node.kind, text: node.text };
  if (node.label === 'Source') return { ...common, name: node.title };
  return {
    ...common,
    name: node.name,
    ...(node.kind ? { kind: node.kind } : {}),
    ...(node.start ? { start: node.start.iso } : {}),
    ...(node.location
      ? { latitude: String(node.location.latitude), longitude: String(node.location.longitude) }
      : {}),
  };
}

/** JSON: { nodes: [{ id, ...attributes }], edges: [{ source, target, type, ...properties }] }. */
function toGraphJSON(graph: SubgraphRecord) {
  return {
    nodes: graph.nodes.map((n) => ({ id: idOf(n), ...attributes(n) })),
    edges: graph.relationships.map((r: RelationshipRecord) => ({
      source: idOf(r.from),
      target: idOf(r.to),
      type: r.type,
      ...r.properties,
    })),
    truncated: graph.truncated,
  };
}

const escapeXml = (value: string) =>
  value.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

const NODE_KEYS = ['type', 'key', 'name', 'kind', 'text', 'start', 'latitude', 'longitude'];

/** GraphML with node attributes (type, key, name, …) and an edge `type` and `weight`. */
function toGraphML(graph: SubgraphRecord): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...NODE_KEYS.map((k) => `  <key id="${k}" for="node" attr.name="${k}" attr.type="string"/>`),
    '  <key id="label" for="edge" attr.name="type" attr.type="string"/>',
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    '  <graph id="newsgraph" edgedefault="directed">',
  ];
  for (const node of graph.nodes) {
    lines.push(`    <node id="${escapeXml(idOf(node))}">`);
    for (const [k, v] of Object.entries(attributes(node)))
      lines.push(`      <data key="${k}">${escapeXml(v)}</data>`);
    lines.push('    </node>');
  }
  graph.relationships.forEach((r, i) => {
    const weight = typeof r.properties.weight === 'number' ? r.properties.weight : 1;
    lines.push(
      `    <edge id="e${i}" source="${escapeXml(idOf(r.from))}" target="${escapeXml(idOf(r.to))}">`,
      `      <data key="label">${escapeXml(r.type)}</data>`,
      `      <data key="weight">${weight}</data>`,
      '    </edge>',
    );
  });
  lines.push('  </graph>', '</graphml>');
  return `${lines.join('\n')}\n`;
}

/** The export in the chosen format, with its content type. */
export function render(graph: SubgraphRecord, format: ExportFormat): { body: string; contentType: string } {
  if (format === 'graphml')
    return { body: toGraphML(graph), contentType: 'application/graphml+xml; charset=utf-8' };
  return { body: JSON.stringify(toGraphJSON(graph)), contentType: 'application/json; charset=utf-8' };
}

function parseParams(raw: string | undefined): Record<string, unknown> {
  let params: unknown;
  try {
    params = JSON.parse(raw ?? '{}');
  } catch {
    throw badInput('params must be a JSON object', { argument: 'params' });
  }
  return cypherParams(params);
}

/** Reads an export request from URL-style parameters (the HTTP endpoint and the CLI share this). */
export function parseExportRequest(
  kind: string,
  get: (name: string) => string | undefined,
  endpoint: (value: string, argument: string) => Endpoint,
  cypher: CypherLimits,
): { request: ExportRequest; format: ExportFormat } {
  const format = (get('format') ?? 'json') as ExportFormat;
  if (format !== 'json' && format !== 'graphml')
    throw badInput('format must be json or graphml', { argument: 'format' });
  const int = (name: string, fallback: number) => {
    const raw = get(name);
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value)) throw badInput(`${name} must be a whole number`, { argument: name });
    return value;
  };
  const required = (name: string) => {
    const value = get(name);
    if (!value) throw badInput(`${name} is required`, { argument: name });
    return value;
  };
  const types = get('types')?.split(',').filter(Boolean);
  switch (kind) {
    case 'neighbourhood':
      return {
        format,
        request: {
          kind,
          centre: endpoint(required('id'), 'id'),
          depth: int('depth', 1),
          limit: int('limit', 100),
          types,
        },
      };
    case 'path':
      return {
        format,
        request: {
          kind,
          from: endpoint(required('from'), 'from'),
          to: endpoint(required('to'), 'to'),
          maxLength: int('maxLength', 6),
          types,
        },
      };
    case 'co-mentions':
      return { format, request: { kind, centre: endpoint(required('id'), 'id'), first: int('first', 20) } };
    case 'cypher':
      return {
        format,
        request: { kind, query: required('query'), params: parseParams(get('params')), ...cypher },
      };
    default:
      throw badInput('export one of: neighbourhood, path, co-mentions, cypher', { argument: 'kind' });
  }
}
