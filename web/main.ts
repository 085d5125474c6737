import { useToken } from './api.js';
import { entityHref, errorMessage, h } from './dom.js';
import { entityPage } from './entity.js';
import { graphPage } from './graph.js';
import { searchBox } from './search.js';
import { sourcePage } from './source.js';

/**
 * The explorer: a browser program that only speaks GraphQL to its own origin. Pages are addressed by
 * the URL's hash (#/entity/<key>, #/graph/<key>, #/source?id=…&statement=…), so the server serves `/` only.
 */
const main = document.getElementById('main') as HTMLElement;
/** What stops the shown page's live feed or graph; the number of the latest visit. */
let leave = () => {};
let visits = 0;

/** The page the hash names, or null for an in-page anchor (the skip link's `#main`); throws on a bad escape. */
const pathOf = (hash: string) => {
  const path = decodeURI(hash.slice(1)) || '/';
  return path.startsWith('/') ? path : null;
};

/**
 * Shows the page the hash names. Each visit renders into a container of its own: a page still loading
 * when the reader moves on fills a container no longer shown, and what it started is stopped.
 */
async function route() {
  let path: string | null;
  try {
    path = pathOf(location.hash);
  } catch {
    path = '/malformed';
  }
  if (path === null) return;
  leave();
  leave = () => {};
  const visit = ++visits;
  const page = h('div', { class: 'page' }, h('p', { class: 'loading' }, 'Loading…'));
  main.replaceChildren(page);
  main.setAttribute('aria-busy', 'true');
  let stop = () => {};
  try {
    if (path.startsWith('/entity/')) stop = await entityPage(page, path.slice('/entity/'.length));
    else if (path.startsWith('/graph/')) stop = await graphPage(page, path.slice('/graph/'.length));
    else if (path.startsWith('/source?')) {
      const params = new URLSearchParams(location.hash.slice('#/source?'.length));
      await sourcePage(page, params.get('id') ?? '', params.get('statement'));
    } else if (path === '/') home(page);
    else
      page.replaceChildren(
        h('h1', { tabindex: '-1' }, 'Not a page address'),
        h('p', {}, 'Try the search above.'),
      );
  } catch (error) {
    page.replaceChildren(h('h1', { tabindex: '-1' }, 'The API did not answer'), errorMessage(error));
  }
  if (visit !== visits) return stop();
  leave = stop;
  main.removeAttribute('aria-busy');
  // Focus moves to the new page's title, as after a page load.
  page.querySelector<HTMLElement>('h1')?.focus({ preventScroll: path.startsWith('/source?') });
}

function home(page: HTMLElement) {
  document.title = 'newsgraph explorer';
  page.replaceChildren(
    h('h1', { tabindex: '-1' }, 'What the news reports'),
    h(
      'p',
      {},
      'Search for a person, organisation, place or event above. Each page shows what was said, by whom and to whom, with the exact words of the source; the graph and the timeline show how it connects.',
    ),
    h(
      'p',
      {},
      'Try ',
      h('a', { href: entityHref('person/david-babayan') }, 'David Babayan'),
      ' if the article graph is loaded.',
    ),
  );
}

document.getElementById('search')?.replaceWith(
  searchBox('Search', (hit) => {
    location.hash = entityHref(hit.key);
  }),
);

const tokenInput = document.getElementById('token-input') as HTMLInputElement;
const tokenStatus = document.getElementById('token-status') as HTMLElement;
document.getElementById('token-form')?.addEventListener('submit', (event) => {
  event.preventDefault();
  useToken(tokenInput.value);
  tokenStatus.textContent = tokenInput.value.trim() ? 'Token in use until this page is closed.' : 'No token.';
  route();
});
document.getElementById('token-forget')?.addEventListener('click', () => {
  tokenInput.value = '';
  useToken('');
  tokenStatus.textContent = 'Token forgotten.';
  route();
});

// The skip link moves focus, not the page.
document.querySelector('a.skip')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', route);
route();
