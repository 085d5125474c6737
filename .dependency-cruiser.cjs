/**
 * The layers of src/, lowest first. A module may import from its own layer and the layers before it,
 * never from a later one: model → ingest → db → queries → loaders → live → auth → seed → schema → http → app.
 * `npm run lint` fails on an import that runs back up, and on any import cycle.
 */
const LAYERS = [
  ['foundation', '^src/(config|errors|logger)\\.ts$'],
  ['model', '^src/model/'],
  ['ingest', '^src/ingest/'],
  ['db', '^src/db/'],
  ['queries', '^src/queries/'],
  ['loaders', '^src/loaders/'],
  ['live', '^src/live/'],
  ['auth', '^src/auth/'],
  ['seed', '^src/seed/'],
  ['schema', '^src/schema/'],
  ['http', '^src/http/'],
  ['app', '^src/(boot|server|testing|fatal|index)\\.ts$|^src/cli/'],
];

const backEdges = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `no-${name}-upwards`,
  comment: `${name} may not import ${LAYERS.slice(i + 1)
    .map(([later]) => later)
    .join(', ')}`,
  severity: 'error',
  from: { path },
  to: {
    path: LAYERS.slice(i + 1)
      .map(([, later]) => `(${later})`)
      .join('|'),
  },
}));

module.exports = {
  forbidden: [
    ...backEdges,
    {
      name: 'resolvers-below-types',
      comment: 'resolvers take arguments and call loaders or queries; the types (and the builder) call them',
      severity: 'error',
      from: { path: '^src/schema/resolvers/' },
      to: { path: '^src/schema/(types/|builder|refs|connection|index)' },
    },
    {
      name: 'every-module-in-a-layer',
      comment: 'a new folder of src/ takes its place in LAYERS above',
      severity: 'error',
      from: { path: '^src/', pathNot: LAYERS.map(([, path]) => `(${path})`).join('|') },
      to: {},
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
