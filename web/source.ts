import { type Data, gql } from './api.js';
import { DATE_FIELDS, entityLinks, fill, formatDate, h, sourceHref, words } from './dom.js';

const SOURCE = `query Source($id: ID!) {
  node(id: $id) {
    ... on Source {
      id title url published { ${DATE_FIELDS} } publisher { key name } text
      statements(first: 100) {
        totalCount
        edges { node { id kind text speaker { key name } evidence { start end excerpt source { id } } } }
      }
    }
  }
}`;

/**
 * A source's text with the evidence of every statement it reports highlighted, and the statement in
 * focus (if any) marked as current and scrolled into view.
 */
export async function sourcePage(main: HTMLElement, id: string, focus: string | null): Promise<void> {
  const { node: source } = await gql(SOURCE, { id });
  if (!source?.text) {
    main.replaceChildren(
      h('h1', { tabindex: '-1' }, 'Not found'),
      h('p', { role: 'alert' }, 'No source has this id.'),
    );
    return;
  }
  document.title = `${source.title} · newsgraph`;
  const statements: Data[] = source.statements.edges.map((edge: Data) => edge.node);
  const spans = statements.flatMap((statement) =>
    statement.evidence
      .filter((evidence: Data) => evidence.source.id === source.id)
      .map((evidence: Data) => ({
        statement: statement.id as string,
        start: evidence.start as number,
        end: evidence.end as number,
      })),
  );
  const text = h(
    'div',
    { class: 'source-text', id: 'source-text' },
    ...highlighted(source.text, spans, focus),
  );
  const focused = statements.find((statement) => statement.id === focus);

  fill(
    main,
    h(
      'header',
      {},
      h(
        'p',
        { class: 'kind-line' },
        h('span', { class: 'kind kind-Source' }, 'Source'),
        source.published ? ` · ${formatDate(source.published)}` : null,
      ),
      h('h1', { tabindex: '-1' }, source.title),
      source.publisher ? h('p', {}, 'Published by ', ...entityLinks([source.publisher])) : null,
      source.url ? h('p', {}, 'Original address (not opened from here): ', h('code', {}, source.url)) : null,
    ),
    focused
      ? h(
          'p',
          { class: 'focus-note', role: 'status' },
          `Highlighted in the text: ${focused.speaker.name} — “${focused.text}”`,
        )
      : null,
    h(
      'div',
      { class: 'source-layout' },
      h('section', { 'aria-labelledby': 'text-title' }, h('h2', { id: 'text-title' }, 'Text'), text),
      h(
        'section',
        { 'aria-labelledby': 'reported-title', class: 'reported' },
        h('h2', { id: 'reported-title' }, `Statements it reports (${source.statements.totalCount})`),
        h(
          'ol',
          {},
          statements.map((statement) =>
            h(
              'li',
              { class: statement.id === focus ? 'current' : '' },
              h(
                'a',
                {
                  href: sourceHref(source.id, statement.id),
                  'aria-current': statement.id === focus ? 'true' : undefined,
                },
                `“${statement.text}”`,
              ),
              h(
                'span',
                { class: 'by' },
                ' — ',
                ...entityLinks([statement.speaker]),
                `, ${words(statement.kind).toLowerCase()}`,
              ),
            ),
          ),
        ),
      ),
    ),
  );
  text.querySelector('mark.current')?.scrollIntoView({ block: 'center' });
}

/**
 * The text cut at every span boundary: a piece inside one or more spans is a <mark> naming their
 * statements (`current` when the focused one is among them), so overlapping evidence stays exact.
 */
function highlighted(
  text: string,
  spans: { statement: string; start: number; end: number }[],
  focus: string | null,
): (Node | string)[] {
  const cuts = [...new Set([0, text.length, ...spans.flatMap((span) => [span.start, span.end])])].sort(
    (a, b) => a - b,
  );
  const pieces: (Node | string)[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] ?? 0;
    const end = cuts[i + 1] ?? text.length;
    const covering = spans
      .filter((span) => span.start <= start && span.end >= end)
      .map((span) => span.statement);
    const piece = text.slice(start, end);
    if (!covering.length) pieces.push(piece);
    else
      pieces.push(
        h(
          'mark',
          {
            class: focus && covering.includes(focus) ? 'current' : '',
            'data-statements': covering.join(' '),
          },
          piece,
        ),
      );
  }
  return pieces;
}
