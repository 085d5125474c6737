/** Small helpers to build the page from data: text always goes in as text, never as HTML. */

import type { Data } from './api.js';

type Child = Node | string | null | undefined | false;

/** An element with attributes (strings, or listeners for on… names) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | EventListener | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const child of children.flat()) if (child) element.append(child);
  return element;
}

/** Replaces an element's children, leaving out the absent ones. */
export function fill(element: HTMLElement, ...children: (Child | Child[])[]) {
  element.replaceChildren(...(children.flat().filter(Boolean) as (Node | string)[]));
}

export interface PartialDate {
  iso: string;
  precision: 'DAY' | 'MONTH' | 'YEAR' | 'DECADE';
  earliest: string;
  latest: string;
}

/** The selection of a PartialDate that formatDate and the timeline read. */
export const DATE_FIELDS = 'iso precision earliest latest';

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);

/** A partial date in words at its own precision: `1988`, `January 1990`, `20 January 2015`, `1980s`. */
export function formatDate(date: PartialDate | null | undefined): string {
  if (!date) return 'undated';
  const [year, month, day] = date.iso.split('-');
  const monthName = MONTHS[Number(month) - 1];
  switch (date.precision) {
    case 'DECADE':
      return `${year?.slice(0, 3)}0s`;
    case 'YEAR':
      return year ?? date.iso;
    case 'MONTH':
      return `${monthName} ${year}`;
    default:
      return `${Number(day)} ${monthName} ${year}`;
  }
}

/** `DIRECT_QUOTE` → `Direct quote`. */
export function words(constant: string): string {
  const text = constant.toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The page address of an entity. */
export function entityHref(key: string): string {
  return `#/entity/${key}`;
}

/** The page address of a source, with one statement's evidence in focus. */
export function sourceHref(sourceId: string, statementId?: string): string {
  const params = new URLSearchParams({ id: sourceId, ...(statementId ? { statement: statementId } : {}) });
  return `#/source?${params}`;
}

/** A paragraph saying what went wrong, in words, announced to screen readers. */
export function errorMessage(error: unknown): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  return h('p', { class: 'error', role: 'alert' }, `Something went wrong: ${message}`);
}

/** A link to each entity, comma-separated. */
export function entityLinks(entities: Data[]): Child[] {
  return entities.flatMap((entity, i) => [
    i > 0 ? ', ' : null,
    h('a', { href: entityHref(entity.key) }, entity.name),
  ]);
}
