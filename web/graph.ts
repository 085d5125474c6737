import cytoscape from 'cytoscape';
import { type Data, gql } from './api.js';
import { entityHref, errorMessage, h, sourceHref } from './dom.js';
import { searchBox } from './search.js';

declare global {
  interface Window {
    /** The drawn graph, for tests and the curious: `explorerGraph.nodes()`. */
    explorerGraph?: cytoscape.Core;
  }
}

const NODE = `__typename id
  ... on Entity { key name }
  ... on Statement { text evidence { source { id } } }
  ... on Source { title }`;

const NEIGHBOURHOOD = `query Neighbourhood($id: ID!, $depth: Int!, $types: [String!]) {
  neighbourhood(id: $id, depth: $depth, types: $types, limit: 200) {
    truncated
    nodes { ${NODE} }
    relationships { from to type }
  }
}`;

const PATH = `query Path($from: ID!, $to: ID!) {
  path(from: $from, to: $to) { length nodes { ${NODE} } relationships { from to type } }
}`;

/** The relationship types a neighbourhood can walk (MENTIONS is provenance, not knowledge). */
const TYPES = [
  'SAID_BY',
  'ON_BEHALF_OF',
  'ADDRESSED_TO',
  'ABOUT',
  'REPORTS',
  'AFFILIATED_WITH',
  'PARTICIPATED_IN',
  'OCCURRED_IN',
  'PART_OF',
  'BASED_IN',
  'LOCATED_IN',
];

const COLOURS: Record<string, string> = {
  Person: '#1d4e89',
  Organisation: '#8a3b12',
  Place: '#2b6b3f',
  Event: '#6a2c70',
  Statement: '#5c5c5c',
  Source: '#7a6200',
};

/** What the colours of the nodes stand for. */
function legend(): HTMLElement {
  return h(
    'p',
    { class: 'legend' },
    Object.entries(COLOURS).map(([kind, colour]) => {
      const dot = h('span', { class: 'dot', 'aria-hidden': 'true' });
      dot.style.background = colour;
      return h('span', {}, dot, kind);
    }),
  );
}

/** A graph node's label: an entity's name, a statement's first words, a source's title. */
function label(node: Data): string {
  if (node.name) return node.name;
  if (node.title) return node.title;
  const text: string = node.text ?? node.id;
  return text.length > 28 ? `${text.slice(0, 27)}…` : text;
}

/**
 * The graph picture: an entity's neighbourhood (depth 1–2, relationship types as toggles) drawn by
 * cytoscape with a force layout; clicking a node opens its page; a path finder draws `path`.
 */
export async function graphPage(main: HTMLElement, key: string): Promise<() => void> {
  const { entity } = await gql(`query ($key: String!) { entity(key: $key) { __typename id key name } }`, {
    key,
  });
  if (!entity) {
    main.replaceChildren(
      h('h1', { tabindex: '-1' }, 'Not found'),
      h('p', { role: 'alert' }, `Nothing in the graph has the key ${key}.`),
    );
    return () => {};
  }
  document.title = `Graph around ${entity.name} · newsgraph`;
  const container = h('div', {
    id: 'graph',
    class: 'graph',
    role: 'img',
    'aria-label': `Graph around ${entity.name}`,
  });
  const status = h('p', { id: 'graph-status', role: 'status' }, 'Loading…');
  const listing = h('ul', { class: 'node-list' });
  const depth = h(
    'select',
    { id: 'graph-depth' },
    h('option', { value: '1' }, '1 step'),
    h('option', { value: '2' }, '2 steps'),
  );
  const toggles = TYPES.map((type) =>
    h('input', { type: 'checkbox', id: `type-${type}`, value: type, checked: true }),
  );

  // The container is in the page before cytoscape measures it.
  main.replaceChildren(
    h('h1', { tabindex: '-1' }, 'Graph around ', h('a', { href: entityHref(entity.key) }, entity.name)),
    h(
      'form',
      { class: 'graph-controls', onsubmit: (event) => event.preventDefault() },
      h('p', {}, h('label', { for: 'graph-depth' }, 'Depth '), depth),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Relationships to walk'),
        toggles.map((toggle) => h('label', { class: 'toggle' }, toggle, ` ${toggle.value}`)),
      ),
    ),
    h(
      'div',
      { class: 'path-finder' },
      searchBox(`Path from ${entity.name} to`, (hit) => pathTo(hit)),
      h('button', { type: 'button', onclick: () => neighbourhood() }, 'Back to the neighbourhood'),
    ),
    status,
    legend(),
    container,
    h('details', {}, h('summary', {}, 'The same nodes as a list'), listing),
  );
  const cy = cytoscape({
    container,
    minZoom: 0.1,
    maxZoom: 4,
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          'font-size': 10,
          'background-color': 'data(colour)',
          width: 14,
          height: 14,
          'text-valign': 'bottom',
          'text-margin-y': 3,
          color: '#1a1a1a',
          'text-wrap': 'ellipsis',
          'text-max-width': '140px',
          'min-zoomed-font-size': 7,
        },
      },
      {
        selector: 'node.centre',
        style: { width: 24, height: 24, 'border-width': 3, 'border-color': '#111', 'font-weight': 'bold' },
      },
      {
        selector: 'edge',
        style: {
          width: 1,
          'line-color': '#9aa0a6',
          'target-arrow-color': '#9aa0a6',
          'target-arrow-shape': 'triangle',
          'curve-style': 'haystack',
          'arrow-scale': 0.6,
        },
      },
      {
        selector: 'edge.path',
        style: {
          width: 2,
          label: 'data(type)',
          'font-size': 9,
          'curve-style': 'bezier',
          'text-rotation': 'autorotate',
          color: '#333',
        },
      },
    ],
  });
  window.explorerGraph = cy;

  const draw = (nodes: Data[], relationships: Data[], layout: cytoscape.LayoutOptions, what: string) => {
    const started = performance.now();
    cy.elements().remove();
    cy.add([
      ...nodes.map((node) => ({
        data: {
          id: node.id,
          label: label(node),
          kind: node.__typename,
          key: node.key,
          colour: COLOURS[node.__typename] ?? '#444',
          evidence: node.evidence?.[0]?.source.id,
        },
        classes: node.id === entity.id ? 'centre' : '',
      })),
      ...relationships.map((r, i) => ({
        data: { id: `r${i}`, source: r.from, target: r.to, type: r.type },
        classes: layout.name === 'breadthfirst' ? 'path' : '',
      })),
    ]);
    cy.layout(layout).run();
    const ms = Math.round(performance.now() - started);
    status.textContent = `${what}: drew ${nodes.length} nodes and ${relationships.length} relationships in ${ms} ms.`;
    container.dataset.drawMs = String(ms);
    listing.replaceChildren(
      ...nodes.map((node) =>
        h(
          'li',
          {},
          h(
            'a',
            {
              href: node.key
                ? entityHref(node.key)
                : node.evidence?.[0]
                  ? sourceHref(node.evidence[0].source.id, node.id)
                  : '#/',
            },
            label(node),
          ),
          ` (${node.__typename})`,
        ),
      ),
    );
  };
  // Each request takes a ticket: an answer to an older one (the reader changed a toggle meanwhile) is dropped.
  let tickets = 0;
  const neighbourhood = async () => {
    const ticket = ++tickets;
    const types = toggles.filter((toggle) => toggle.checked).map((toggle) => toggle.value);
    if (types.length === 0) {
      // The API reads no types as every type: with all toggles off there is nothing to walk.
      draw(
        [{ id: entity.id, key: entity.key, name: entity.name, __typename: entity.__typename }],
        [],
        { name: 'grid' },
        'No relationship type chosen',
      );
      return;
    }
    status.textContent = 'Loading…';
    try {
      const { neighbourhood: graph } = await gql(NEIGHBOURHOOD, {
        id: entity.id,
        depth: Number(depth.value),
        types,
      });
      if (ticket !== tickets) return;
      draw(
        graph.nodes,
        graph.relationships,
        {
          name: 'cose',
          // A quarter of cose's 1,000 iterations: 200 nodes lay out in ~0.6 s instead of ~2 s (bench:explorer).
          numIter: 250,
          animate: false,
          randomize: true,
          idealEdgeLength: () => 90,
          nodeRepulsion: () => 400_000,
          padding: 20,
        } as cytoscape.LayoutOptions,
        graph.truncated ? 'The nearest 200 nodes' : 'Neighbourhood',
      );
    } catch (error) {
      if (ticket === tickets) status.replaceChildren(errorMessage(error));
    }
  };
  const pathTo = async (to: { id: string; name: string }) => {
    const ticket = ++tickets;
    status.textContent = `Looking for a path to ${to.name}…`;
    try {
      const { path } = await gql(PATH, { from: entity.id, to: to.id });
      if (ticket !== tickets) return;
      if (!path) {
        status.textContent = `No path from ${entity.name} to ${to.name} within 6 steps.`;
        return;
      }
      draw(
        path.nodes,
        path.relationships,
        {
          name: 'breadthfirst',
          roots: [entity.id],
          directed: false,
          spacingFactor: 1.2,
        } as cytoscape.LayoutOptions,
        `Path of length ${path.length} to ${to.name}`,
      );
    } catch (error) {
      status.replaceChildren(errorMessage(error));
    }
  };

  cy.on('tap', 'node', (event) => {
    const data = event.target.data();
    if (data.key) location.hash = entityHref(data.key);
    else if (data.kind === 'Source') location.hash = sourceHref(data.id);
    else if (data.evidence) location.hash = sourceHref(data.evidence, data.id);
  });
  depth.addEventListener('change', neighbourhood);
  for (const toggle of toggles) toggle.addEventListener('change', neighbourhood);

  await neighbourhood();
  return () => {
    cy.destroy();
    window.explorerGraph = undefined;
  };
}
