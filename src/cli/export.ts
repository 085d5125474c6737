/**
 * `npm run export -- <neighbourhood|path|co-mentions|cypher> [options] [--out file]`: writes a subgraph
 * as JSON or GraphML, the same as GET /export/… does. Nodes are named by key or id:
 *   npm run export -- neighbourhood --id person/david-babayan --depth 2 --format graphml --out babayan.graphml
 *   npm run export -- path --from person/david-babayan --to person/andrzej-kasprzyk
 *   npm run export -- co-mentions --id place/baku --first 20
 *   npm run export -- cypher --query "MATCH (p:Person)-[r]->(o:Organisation) RETURN p, r, o"
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../boot.js';
import { loadConfig } from '../config.js';
import { exitWithError } from '../fatal.js';
import { createLogger } from '../logger.js';
import { endpointOfKeyOrId } from '../model/globalId.js';
import { exportSubgraph, parseExportRequest, render } from '../queries/export.js';

const names = [
  'id',
  'from',
  'to',
  'depth',
  'limit',
  'types',
  'maxLength',
  'first',
  'query',
  'params',
  'format',
  'out',
];

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
  });
  const config = loadConfig();
  const { request, format } = parseExportRequest(
    positionals[0] ?? '',
    (name) => values[name] as string | undefined,
    endpointOfKeyOrId,
    config.cypher,
  );
  const database = await openDatabase(config, createLogger('warn'));
  try {
    const graph = await exportSubgraph(database.db, request);
    const { body } = render(graph, format);
    if (values.out) {
      fs.writeFileSync(values.out as string, body);
      console.error(
        `Wrote ${graph.nodes.length} nodes and ${graph.relationships.length} edges to ${values.out}`,
      );
    } else {
      process.stdout.write(body);
    }
  } finally {
    await database.close();
  }
} catch (error) {
  exitWithError('export', error);
}
