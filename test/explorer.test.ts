import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/model/globalId.js';
import { launchChromium } from './browser.js';
import { type Any, createTestApp, SOURCE_KEY, tokenFor, useArticleGraph } from './helpers.js';

/**
 * The explorer in a real browser (Debian's chromium, driven by playwright-core) over the article graph.
 * Every page records the requests it makes and the errors it logs; the last test checks them all.
 */
const { app, db, gql } = useArticleGraph();

let server: Server;
let origin: string;
let browser: Browser;
const requested: string[] = [];
const consoleErrors: string[] = [];

/** Set EXPLORER_SCREENSHOTS=1 to refresh the pictures in docs/ that the README shows. */
const screenshot = (shown: Pick<Page, 'screenshot'>, name: string) =>
  process.env.EXPLORER_SCREENSHOTS ? shown.screenshot({ path: `docs/explorer-${name}.png` }) : undefined;

beforeAll(async () => {
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  // Open event streams would hold the server open.
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/**
 * A new page of the explorer at `path`, `width` pixels wide, recording its requests and (unless
 * `refused`: the browser logs the refusal the page is meant to get) its console errors.
 */
async function open(path: string, width = 1280, { refused = false } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.on('request', (request) => requested.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' && !refused) consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  await page.goto(`${origin}${path}`);
  return page;
}

/** Types into a search box and picks the first result with the keyboard. */
async function searchAndPick(page: Page, label: string | RegExp, text: string, name: string) {
  const box = page.getByRole('combobox', { name: label });
  await box.fill(text);
  await page
    .getByRole('listbox')
    .getByRole('option', { name: new RegExp(name) })
    .first()
    .waitFor();
  await box.press('ArrowDown');
  await box.press('Enter');
}

/** The labels of the nodes cytoscape holds (its own state, not pixels), sorted. */
const drawnLabels = (page: Page) =>
  page.evaluate(() => {
    const graph = (window as unknown as { explorerGraph?: { nodes(): { data(name: string): string }[] } })
      .explorerGraph;
    return (graph?.nodes().map((node) => node.data('label')) ?? []).sort();
  });

/** The same label the page gives a node: a name, a title, or a statement's first words. */
const labelOf = (node: Any): string =>
  node.name ?? node.title ?? (node.text.length > 28 ? `${node.text.slice(0, 27)}…` : node.text);

const BABAYAN = toGlobalId('Person', 'person/david-babayan');

/** How long a page may take to show an answer on a busy 2-core machine. */
const SLOW = { timeout: 10_000 };

describe('the explorer', () => {
  it('finds David Babayan from a typo ("Babayn") and opens his page with the keyboard', async () => {
    const page = await open('/');
    await searchAndPick(page, 'Search', 'Babayn', 'David Babayan');
    await expect.poll(() => page.locator('main h1').textContent(), SLOW).toBe('David Babayan');
    expect(page.url()).toBe(`${origin}/#/entity/person/david-babayan`);
    expect(await page.locator('.entity-head').textContent()).toContain(
      'Also known as Davit Babayan, Babayan',
    );
    expect(await page.locator('.affiliations li').allTextContents()).toEqual([
      'Presidential spokesman, Artsakh Republic',
    ]);
    await page.locator('.statement').first().waitFor();
    await screenshot(page, 'entity');
  });

  it('filters search results by kind', async () => {
    const page = await open('/');
    await page.getByLabel('Kind of entity').first().selectOption('PLACE');
    await page.getByRole('combobox', { name: 'Search' }).fill('Artsakh');
    const results = page.getByRole('listbox').getByRole('option');
    await results.first().waitFor();
    expect(await results.allTextContents()).toEqual(['Nagorno-KarabakhPlace']);
  });

  it('lists his statements newest first, ten a page, with kind, speaker, on behalf of, about and date', async () => {
    const page = await open('/#/entity/person/david-babayan');
    await page.locator('.statement').first().waitFor();
    expect(await page.locator('.count').textContent()).toBe('12 statements, newest first');
    expect(await page.locator('.statement').count()).toBe(10);
    const { data } = await gql<Any>(
      `query ($id: ID!) { statements(filter: { speaker: $id }, first: 12) { edges { node { text } } } }`,
      { id: BABAYAN },
    );
    const texts = data?.statements.edges.map((edge: Any) => edge.node.text);
    expect(await page.locator('.statement > blockquote').allTextContents()).toEqual(texts.slice(0, 10));
    const fascist = page.locator('.statement', { hasText: 'fascist state by nature' });
    expect(await fascist.locator('.meta').textContent()).toBe('Paraphrase · January 2015');
    expect(await fascist.locator('dl').textContent()).toBe(
      'SpeakerDavid BabayanOn behalf ofArtsakh RepublicAboutAzerbaijan',
    );
    await page.getByRole('button', { name: 'Older statements' }).click();
    await expect.poll(() => page.locator('.statement').count(), SLOW).toBe(12);
    expect(await page.locator('.statement > blockquote').allTextContents()).toEqual(texts);
  });

  it('shows reported speech as the chain it is', async () => {
    const page = await open('/#/entity/person/david-babayan');
    const relay = page.locator('.statement', { hasText: 'President Bako Sahakian met with' });
    await relay.waitFor();
    expect(await relay.locator('.chain .chain-note').textContent()).toBe(
      'Relays the words of Bako Sahakian to Andrzej Kasprzyk, Organization for Security and Co-operation in Europe:',
    );
    expect(await relay.locator('.chain blockquote').textContent()).toMatch(
      /^Such behavior by Azerbaijan poses a threat/,
    );
    const relayed = page.locator('.statement', { hasText: 'condemned as unprecedented' });
    expect(await relayed.locator('.chain-note').textContent()).toBe('Relayed by Public Radio of Armenia');
  });

  it('highlights the exact evidence span in its source and scrolls it into view', async () => {
    const page = await open('/#/entity/person/david-babayan');
    const fascist = page.locator('.statement', { hasText: 'fascist state by nature' });
    await fascist.getByRole('link', { name: /^Read it in/ }).click();
    await page.locator('mark.current').first().waitFor();
    const { data } = await gql<Any>(
      `query ($id: ID!) { statements(filter: { speaker: $id }, first: 20) { edges { node { text evidence { excerpt } } } } }`,
      { id: BABAYAN },
    );
    const excerpt = data?.statements.edges.find((edge: Any) => edge.node.text.includes('fascist')).node
      .evidence[0].excerpt;
    expect(excerpt).toBe(
      'Babayan described Azerbaijan as a subversive, fascist state by nature, saying that fascist states always resort to such aggressive steps.',
    );
    const highlighted = await page.locator('mark.current').allTextContents();
    expect(highlighted.join('')).toBe(excerpt);
    expect(await page.locator('mark.current').first().isVisible()).toBe(true);
    expect(
      await page
        .locator('mark.current')
        .first()
        .evaluate((mark) => {
          const box = mark.getBoundingClientRect();
          const text = (mark.closest('.source-text') as HTMLElement).getBoundingClientRect();
          return box.top >= Math.max(0, text.top) && box.bottom <= Math.min(window.innerHeight, text.bottom);
        }),
    ).toBe(true);
    await screenshot(page, 'evidence');
  });

  it('lists on the source page every statement it reports, each span highlighted', async () => {
    const page = await open(`/#/source?id=${encodeURIComponent(toGlobalId('Source', SOURCE_KEY))}`);
    await page.locator('.reported li').first().waitFor();
    expect(await page.locator('.reported h2').textContent()).toBe('Statements it reports (24)');
    expect(await page.locator('.reported li').count()).toBe(24);
    const { data } = await gql<Any>(
      `query ($id: ID!) { node(id: $id) { ... on Source { statements(first: 30) { edges { node { id } } } } } }`,
      { id: toGlobalId('Source', SOURCE_KEY) },
    );
    const marked = await page
      .locator('mark')
      .evaluateAll((marks) =>
        marks.flatMap((mark) => (mark as HTMLElement).dataset.statements?.split(' ') ?? []),
      );
    expect(new Set(marked)).toEqual(new Set(data?.node.statements.edges.map((edge: Any) => edge.node.id)));
  });

  it('draws the neighbourhood with cytoscape: the nodes the API answers, labelled', async () => {
    const page = await open('/#/graph/person/david-babayan');
    await expect
      .poll(() => page.locator('#graph-status').textContent(), SLOW)
      .toMatch(/^Neighbourhood: drew/);
    const { data } = await gql<Any>(
      `query ($id: ID!) { neighbourhood(id: $id, limit: 200) { nodes { ... on Entity { name } ... on Statement { text } } } }`,
      { id: BABAYAN },
    );
    const expected = data?.neighbourhood.nodes.map(labelOf).sort();
    expect(expected).toHaveLength(15);
    expect(await drawnLabels(page)).toEqual(expected);
    expect(expected).toEqual(
      expect.arrayContaining(['David Babayan', 'Artsakh Republic', 'We must be united to prove …']),
    );
    await screenshot(page.locator('main'), 'graph');
  });

  it('walks two steps of only the relationship types left on', async () => {
    const page = await open('/#/graph/person/david-babayan');
    await expect
      .poll(() => page.locator('#graph-status').textContent(), SLOW)
      .toMatch(/^Neighbourhood: drew 15 /);
    await page.getByLabel('Depth').selectOption('2');
    for (const type of ['SAID_BY', 'ON_BEHALF_OF', 'ADDRESSED_TO', 'ABOUT', 'REPORTS', 'PARTICIPATED_IN']) {
      await page.getByRole('checkbox', { name: type, exact: true }).uncheck();
    }
    for (const type of ['OCCURRED_IN', 'PART_OF', 'BASED_IN', 'LOCATED_IN']) {
      await page.getByRole('checkbox', { name: type, exact: true }).uncheck();
    }
    await expect
      .poll(() => drawnLabels(page), SLOW)
      .toEqual(['Artsakh Republic', 'Bako Sahakian', 'David Babayan']);
    expect(await page.locator('#graph-status').textContent()).toMatch(
      /^Neighbourhood: drew 3 nodes and 2 relationships/,
    );
  });

  it('opens the page of a node clicked in the picture', async () => {
    const page = await open('/#/graph/person/david-babayan');
    await expect
      .poll(() => page.locator('#graph-status').textContent(), SLOW)
      .toMatch(/^Neighbourhood: drew/);
    const point = await page.evaluate(() => {
      const graph = (window as unknown as { explorerGraph: Any }).explorerGraph;
      const { x, y } = graph.nodes('[key = "organisation/artsakh-republic"]').renderedPosition();
      const box = graph.container().getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    });
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => page.locator('main h1').textContent(), SLOW).toBe('Artsakh Republic');
    expect(page.url()).toBe(`${origin}/#/entity/organisation/artsakh-republic`);
  });

  it('draws the path from David Babayan to Andrzej Kasprzyk', async () => {
    const page = await open('/#/graph/person/david-babayan');
    await expect
      .poll(() => page.locator('#graph-status').textContent(), SLOW)
      .toMatch(/^Neighbourhood: drew/);
    await searchAndPick(page, 'Path from David Babayan to', 'Kasprzyk', 'Andrzej Kasprzyk');
    await expect
      .poll(() => page.locator('#graph-status').textContent(), SLOW)
      .toMatch(/^Path of length 2 to Andrzej Kasprzyk: drew 3 nodes and 2 relationships/);
    expect(await drawnLabels(page)).toEqual([
      'Andrzej Kasprzyk',
      'David Babayan',
      'President Bako Sahakian met…',
    ]);
    const types = await page.evaluate(() =>
      (window as unknown as { explorerGraph: Any }).explorerGraph
        .edges()
        .map((edge: Any) => edge.data('type')),
    );
    expect(types).toEqual(['SAID_BY', 'ABOUT']);
  });

  it('orders the timeline Sumgait 1988 < Baku 1990 < Operation Ring 1991, each at its precision', async () => {
    const page = await open('/#/entity/organisation/national-assembly-of-artsakh');
    await page.locator('.timeline li').first().waitFor();
    const items = await page
      .locator('.timeline li')
      .evaluateAll((rows) =>
        rows.map(
          (row) => `${row.querySelector('time')?.textContent} ${row.querySelector('a, span')?.textContent}`,
        ),
      );
    expect(items.slice(0, 4)).toEqual([
      '1988 Sumgait pogrom',
      'January 1990 Baku pogrom',
      'January 1990 Displacement of Armenians from Baku',
      'April 1991 – August 1991 Operation Ring',
    ]);
    // A year is drawn as long as a year: twelve times January 1990's bar.
    const widths = await page
      .locator('.timeline .bar')
      .evaluateAll((bars) => bars.slice(0, 2).map((bar) => bar.getBoundingClientRect().width));
    expect((widths[0] ?? 0) / (widths[1] ?? 1)).toBeCloseTo(365 / 31, 0);
  });

  it('shows analyst fields once an analyst token is pasted, kept in memory only', async () => {
    const page = await open('/#/entity/event/baku-pogrom-1990');
    await page.locator('#analyst p').waitFor();
    expect(await page.locator('#analyst p').textContent()).toMatch(/^Paste an analyst token/);
    await page.getByText('Token', { exact: true }).click();
    await page.getByLabel(/^Analyst or editor token/).fill(await tokenFor('analyst'));
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.locator('.co-mentions li').first().waitFor();
    expect(await page.locator('.co-mentions li').first().textContent()).toMatch(
      /^National Assembly of Artsakh — \d+ statements/,
    );
    const stored = await page.evaluate(
      () => localStorage.length + sessionStorage.length + document.cookie.length,
    );
    expect(stored).toBe(0);
  });

  it('says in words what went wrong when the API refuses', async () => {
    const page = await open('/#/entity/person/david-babayan', 1280, { refused: true });
    await page.getByText('Token', { exact: true }).click();
    await page.getByLabel(/^Analyst or editor token/).fill('not-a-token');
    await page.getByRole('button', { name: 'Use token' }).click();
    await expect.poll(() => page.locator('main h1').textContent(), SLOW).toBe('The API did not answer');
    expect(await page.getByRole('alert').textContent()).toMatch(/^Something went wrong: .*token/i);
  });

  it('shows the page the reader moved on to, not one still loading when they left, and stops what that one started', async () => {
    const page = await open('/');
    await page.locator('main h1').waitFor();
    const live = { started: [] as string[], stopped: [] as string[] };
    const isLive = (body: string | null): body is string => !!body?.includes('subscription Live');
    page.on('request', (request) => {
      if (isLive(request.postData())) live.started.push(request.postData() as string);
    });
    page.on('requestfailed', (request) => {
      if (isLive(request.postData())) live.stopped.push(request.postData() as string);
    });
    // Babayan's page answers slowly; the reader moves on to the Artsakh Republic before it does.
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('person/david-babayan'))
        await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.evaluate(() => {
      location.hash = '#/entity/person/david-babayan';
    });
    await page.waitForTimeout(200);
    await page.evaluate(() => {
      location.hash = '#/entity/organisation/artsakh-republic';
    });
    await expect.poll(() => page.locator('main h1').first().textContent(), SLOW).toMatch(/Artsakh Republic/);
    await page.waitForTimeout(2500);
    expect(await page.locator('main h1').allTextContents()).toEqual([
      expect.stringMatching(/Artsakh Republic/),
    ]);
    // One live feed open, the Artsakh Republic's: Babayan's, opened late, was closed at once.
    const babayan = toGlobalId('Person', 'person/david-babayan');
    const artsakh = toGlobalId('Organisation', 'organisation/artsakh-republic');
    expect(live.started.filter((body) => body.includes(babayan))).toHaveLength(1);
    expect(live.stopped.filter((body) => body.includes(babayan))).toHaveLength(1);
    expect(live.started.filter((body) => body.includes(artsakh))).toHaveLength(1);
    expect(live.stopped.filter((body) => body.includes(artsakh))).toHaveLength(0);
  });

  it('keeps the page when the skip link is used, and says so when an address is not a page', async () => {
    const page = await open('/#/entity/person/david-babayan');
    await page.locator('.statement').first().waitFor();
    await page.keyboard.press('Tab');
    await page.getByRole('link', { name: 'Skip to content' }).press('Enter');
    expect(await page.locator('main h1').first().textContent()).toMatch(/David Babayan/);
    await page.goto(`${origin}/#/entity/person/%E0%A4%A`);
    await expect.poll(() => page.locator('main h1').textContent(), SLOW).toBe('Not a page address');
  });

  it('says so, on screen, when a search finds nothing or fails', async () => {
    const page = await open('/');
    await page.getByRole('combobox', { name: 'Search' }).fill('Zzxqvwy Nothing');
    await expect
      .poll(() => page.locator('.search-note').first().textContent(), SLOW)
      .toBe('Nothing found for “Zzxqvwy Nothing”.');
    expect(await page.locator('.search-note').first().isVisible()).toBe(true);
  });

  it('draws only the entity itself when every relationship type is off', async () => {
    const page = await open('/#/graph/person/david-babayan');
    await expect
      .poll(() => page.locator('#graph-status').textContent(), SLOW)
      .toMatch(/^Neighbourhood: drew 15 /);
    for (const toggle of await page.getByRole('checkbox').all()) await toggle.uncheck();
    await expect.poll(() => drawnLabels(page), SLOW).toEqual(['David Babayan']);
    expect(await page.locator('#graph-status').textContent()).toMatch(
      /^No relationship type chosen: drew 1 nodes/,
    );
  });

  it('is usable at a phone width of 390 px', async () => {
    const page = await open('/', 390);
    await searchAndPick(page, 'Search', 'Babayn', 'David Babayan');
    await page.locator('.statement').first().waitFor();
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await fits()).toBe(true);
    await page
      .locator('.statement', { hasText: 'fascist' })
      .getByRole('link', { name: /^Read it in/ })
      .click();
    await page.locator('mark.current').first().waitFor();
    expect(await fits()).toBe(true);
    await page.goto(`${origin}/#/graph/person/david-babayan`);
    await expect
      .poll(() => page.locator('#graph-status').textContent(), SLOW)
      .toMatch(/^Neighbourhood: drew \d+ nodes/);
    expect(await fits()).toBe(true);
  });

  it('serves GraphiQL at /graphql from its own files: it renders, runs a query and asks no other origin', async () => {
    const before = requested.length;
    const page = await open('/graphql');
    const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
    await editor.waitFor({ timeout: 15_000 });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('{ entity(key: "person/david-babayan") { name ');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect
      .poll(async () => (await page.locator('.graphiql-response').textContent())?.replace(/\s+/g, ' '), {
        timeout: 10_000,
      })
      .toContain('"name": "David Babayan"');
    const asked = requested.slice(before);
    expect(asked).toContain(`${origin}/graphiql/graphiql.js`);
    expect(asked.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
  });

  it('shows a statement added while the page is open, as it arrives', async () => {
    const page = await open('/#/entity/person/david-babayan');
    await page.locator('.statement').first().waitFor();
    // The page says so once the server holds its subscription; a statement added before would be missed.
    await page.getByText('New statements will appear here as they are added.').waitFor();
    const added = await gql<Any>(
      `mutation ($input: AddStatementInput!) { addStatement(input: $input) { id } }`,
      {
        input: {
          kind: 'DIRECT_QUOTE',
          text: 'A statement made while the page was open',
          speaker: 'person/david-babayan',
          date: '2015-01-22',
          evidence: [{ source: SOURCE_KEY, start: 10, end: 40 }],
        },
      },
    );
    expect(added.errors).toBeUndefined();
    const fresh = page.locator('.statement.fresh');
    await fresh.waitFor();
    expect(await fresh.locator('blockquote').textContent()).toBe('A statement made while the page was open');
    expect(await fresh.locator('.meta').textContent()).toBe('Direct quote · 22 January 2015new');
    expect(await page.getByRole('status').filter({ hasText: 'New statement' }).textContent()).toBe(
      'New statement: “A statement made while the page was open”',
    );
  });

  it('is not served where it cannot work: GraphiQL in production, the explorer when only persisted operations run', async () => {
    const production = createTestApp(db, { NODE_ENV: 'production' });
    expect((await production.fetch('http://localhost/graphiql/graphiql.js')).status).toBe(404);
    expect((await production.fetch('http://localhost/')).status).toBe(200);
    const store = path.join(os.tmpdir(), `newsgraph-persisted-${process.pid}.json`);
    fs.writeFileSync(store, '{}');
    try {
      const persisted = createTestApp(db, { PERSISTED_OPERATIONS_FILE: store });
      expect((await persisted.fetch('http://localhost/')).status).toBe(404);
      expect((await persisted.fetch('http://localhost/explorer/app.js')).status).toBe(404);
    } finally {
      fs.rmSync(store);
    }
  });

  it('answers its pages with a Content-Security-Policy of its own origin only', async () => {
    const self =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    const explorer = await app.fetch('http://localhost/');
    expect(explorer.headers.get('content-security-policy')).toBe(self);
    // GraphiQL's editor needs inline styles and the data: fonts of its own stylesheet; scripts stay 'self'.
    const graphiql = await app.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(graphiql.headers.get('content-security-policy')).toBe(
      `${self}; style-src 'self' 'unsafe-inline'; font-src 'self' data:`,
    );
    expect(await graphiql.text()).not.toMatch(/unpkg|<script>|https?:/);
  });

  it('sent no request to another origin and logged no console error on any page above', () => {
    expect(requested.length).toBeGreaterThan(50);
    // data: URLs are GraphiQL's fonts, inside its own stylesheet.
    expect(requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
