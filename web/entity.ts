import { type Data, gql, hasToken, subscribe } from './api.js';
import {
  DATE_FIELDS,
  entityHref,
  entityLinks,
  errorMessage,
  fill,
  formatDate,
  h,
  type PartialDate,
  words,
} from './dom.js';
import { STATEMENT_FIELDS, statementCard } from './statements.js';
import { timeline } from './timeline.js';

const ENTITY = `query Entity($key: String!) {
  entity(key: $key) {
    __typename id key name aliases description
    ... on Person { affiliations(first: 50) { edges { node { role since { ${DATE_FIELDS} } until { ${DATE_FIELDS} } organisation { key name } } } } }
    ... on Organisation {
      organisationKind: kind partOf { key name } basedIn { key name }
      members(first: 50) { edges { node { role since { ${DATE_FIELDS} } until { ${DATE_FIELDS} } member { key name } } } }
    }
    ... on Place { placeKind: kind partOf { key name } }
    ... on Event { eventKind: kind start { ${DATE_FIELDS} } end { ${DATE_FIELDS} } places { key name } partOf { key name } }
  }
}`;

const STATEMENTS = `query Statements($filter: StatementFilter!, $after: String) {
  statements(filter: $filter, first: 10, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${STATEMENT_FIELDS} } }
  }
}`;

const LIVE = `subscription Live($filter: StatementFilter!) { statementAdded(filter: $filter) { ${STATEMENT_FIELDS} } }`;

const ANALYST = `query Analyst($id: ID!) {
  coMentions(id: $id, first: 10) { weight statements sources entity { key name } }
}`;

/** Which statements of an entity the page lists: the filter's field, and how a person says it. */
const ROLES = [
  ['speaker', 'Said by'],
  ['about', 'About'],
  ['addressedTo', 'Addressed to'],
  ['onBehalfOf', 'On behalf of'],
] as const;

/**
 * The entity page: what it is, its affiliations, its statements newest first (new ones arriving live),
 * its timeline, and for analysts the entities it is mentioned with. Returns what stops the live feed.
 */
export async function entityPage(main: HTMLElement, key: string): Promise<() => void> {
  const { entity } = await gql(ENTITY, { key });
  if (!entity) {
    main.replaceChildren(
      h('h1', { tabindex: '-1' }, 'Not found'),
      h('p', { role: 'alert' }, `Nothing in the graph has the key ${key}.`),
    );
    return () => {};
  }
  document.title = `${entity.name} · newsgraph`;
  const kind: string | undefined = entity.organisationKind ?? entity.placeKind ?? entity.eventKind;
  const speaks = entity.__typename === 'Person' || entity.__typename === 'Organisation';
  const role = h(
    'select',
    { id: 'statement-role' },
    ...ROLES.map(([value, label]) =>
      h('option', { value, ...(value === (speaks ? 'speaker' : 'about') ? { selected: true } : {}) }, label),
    ),
  );
  const list = h('div', { class: 'statements', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', hidden: true }, 'Older statements');
  const count = h('p', { class: 'count' });
  const live = h('p', { class: 'live', role: 'status' });
  let cursor: string | null = null;
  let stopLive = () => {};

  const filter = () => ({ [role.value]: entity.id });
  const loadPage = async (fresh: boolean) => {
    more.disabled = true;
    if (fresh) list.replaceChildren(h('p', { class: 'loading' }, 'Loading statements…'));
    try {
      const { statements } = await gql(STATEMENTS, { filter: filter(), after: fresh ? null : cursor });
      if (fresh) list.replaceChildren();
      list.append(...statements.edges.map((edge: Data) => statementCard(edge.node)));
      if (statements.totalCount === 0) list.append(h('p', {}, 'No statements.'));
      count.textContent = `${statements.totalCount} statement${statements.totalCount === 1 ? '' : 's'}, newest first`;
      cursor = statements.pageInfo.endCursor;
      more.hidden = !statements.pageInfo.hasNextPage;
    } catch (error) {
      list.append(errorMessage(error));
    }
    more.disabled = false;
  };
  const listen = () => {
    stopLive();
    stopLive = subscribe(
      LIVE,
      { filter: filter() },
      {
        onOpen: () => {
          live.textContent = 'New statements will appear here as they are added.';
        },
        onData: (data) => {
          if (!data.statementAdded) return;
          list.querySelector(':scope > p')?.remove();
          list.prepend(statementCard(data.statementAdded, true));
          live.textContent = `New statement: “${data.statementAdded.text}”`;
        },
        onError: (message) => {
          live.textContent = `Live updates stopped: ${message}`;
        },
      },
    );
  };
  role.addEventListener('change', () => {
    loadPage(true);
    listen();
  });
  more.addEventListener('click', () => loadPage(false));

  fill(
    main,
    h(
      'header',
      { class: 'entity-head' },
      h(
        'p',
        { class: 'kind-line' },
        h('span', { class: `kind kind-${entity.__typename}` }, entity.__typename),
        kind ? ` · ${words(kind)}` : null,
      ),
      h('h1', { tabindex: '-1' }, entity.name),
      entity.aliases.length ? h('p', {}, 'Also known as ', entity.aliases.join(', ')) : null,
      entity.description ? h('p', { class: 'description' }, entity.description) : null,
      h(
        'p',
        { class: 'actions' },
        h('a', { href: `#/graph/${entity.key}`, class: 'button' }, 'Graph around it'),
      ),
    ),
    facts(entity),
    h(
      'section',
      { 'aria-labelledby': 'statements-title' },
      h('h2', { id: 'statements-title' }, 'Statements'),
      h('p', { class: 'controls' }, h('label', { for: 'statement-role' }, 'Show statements '), role),
      count,
      live,
      list,
      more,
    ),
    h(
      'section',
      { 'aria-labelledby': 'timeline-title', id: 'timeline' },
      h('h2', { id: 'timeline-title' }, 'Timeline'),
      h('p', { class: 'loading' }, 'Loading the timeline…'),
    ),
    analystSection(entity.id),
  );
  await loadPage(true);
  listen();
  timeline(entity).then((drawn) => main.querySelector('#timeline p.loading')?.replaceWith(drawn));
  return () => stopLive();
}

/** Affiliations with roles and dates, members, what it is part of, where it is. */
function facts(entity: Data): HTMLElement | null {
  const period = (since: PartialDate | null, until: PartialDate | null) =>
    since || until ? ` (${since ? formatDate(since) : '…'} – ${until ? formatDate(until) : '…'})` : '';
  const rows: HTMLElement[] = [];
  for (const { node } of entity.affiliations?.edges ?? []) {
    rows.push(
      h(
        'li',
        {},
        node.role ? `${node.role}, ` : '',
        h('a', { href: entityHref(node.organisation.key) }, node.organisation.name),
        period(node.since, node.until),
      ),
    );
  }
  for (const { node } of entity.members?.edges ?? []) {
    rows.push(
      h(
        'li',
        {},
        h('a', { href: entityHref(node.member.key) }, node.member.name),
        node.role ? `, ${node.role}` : '',
        period(node.since, node.until),
      ),
    );
  }
  const more = [
    entity.partOf ? h('p', {}, 'Part of ', ...entityLinks([entity.partOf])) : null,
    entity.basedIn ? h('p', {}, 'Based in ', ...entityLinks([entity.basedIn])) : null,
    entity.places?.length ? h('p', {}, 'In ', ...entityLinks(entity.places)) : null,
    entity.start
      ? h('p', {}, 'When: ', formatDate(entity.start), entity.end ? ` – ${formatDate(entity.end)}` : '')
      : null,
  ];
  if (!rows.length && !more.some(Boolean)) return null;
  const title =
    entity.__typename === 'Person'
      ? 'Affiliations'
      : entity.__typename === 'Organisation'
        ? 'Members'
        : 'Facts';
  return h(
    'section',
    { 'aria-labelledby': 'facts-title' },
    h('h2', { id: 'facts-title' }, title),
    ...more,
    rows.length ? h('ul', { class: 'affiliations' }, rows) : null,
  );
}

/** Co-mentions, for the analyst role; without a token, a word on how to see them. */
function analystSection(id: string): HTMLElement {
  const section = h(
    'section',
    { 'aria-labelledby': 'analyst-title', id: 'analyst' },
    h('h2', { id: 'analyst-title' }, 'Mentioned with (analysts)'),
  );
  if (!hasToken()) {
    section.append(
      h('p', {}, 'Paste an analyst token (Token, at the top) to see the entities mentioned with this one.'),
    );
    return section;
  }
  section.append(h('p', { class: 'loading' }, 'Loading…'));
  gql(ANALYST, { id })
    .then(({ coMentions }) =>
      section.lastElementChild?.replaceWith(
        h(
          'ol',
          { class: 'co-mentions' },
          coMentions.map((m: Data) =>
            h(
              'li',
              {},
              h('a', { href: entityHref(m.entity.key) }, m.entity.name),
              ` — ${m.statements} statements, ${m.sources} sources`,
            ),
          ),
        ),
      ),
    )
    .catch((error) => section.lastElementChild?.replaceWith(errorMessage(error)));
  return section;
}
