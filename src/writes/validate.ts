import { badInput } from '../errors.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Checks a `<type>/<slug>` key (lower-case ASCII words joined by `-`) of the expected type. */
export function checkKey(key: string, type: string, argument = 'key'): string {
  const [prefix, slug, ...rest] = key.split('/');
  if (prefix !== type || slug === undefined || rest.length > 0 || !SLUG.test(slug) || key.length > 200) {
    throw badInput(
      `${argument} "${key.slice(0, 100)}" must look like "${type}/<slug>": lower-case ASCII words joined by "-"`,
      { argument },
    );
  }
  return key;
}

/** Trims a required free-text value and rejects it when empty, too long or carrying control characters. */
export function checkText(value: string, argument: string, maxLength = 500): string {
  const text = value.trim();
  if (text.length === 0) throw badInput(`${argument} must not be empty`, { argument });
  if (text.length > maxLength)
    throw badInput(`${argument} is longer than ${maxLength} characters`, { argument });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) {
    throw badInput(`${argument} contains control characters`, { argument });
  }
  return text;
}

/** Checked, trimmed, de-duplicated aliases (order kept). */
export function checkAliases(aliases: readonly string[], argument = 'aliases'): string[] {
  if (aliases.length > 50) throw badInput(`${argument} holds more than 50 names`, { argument });
  return [...new Set(aliases.map((a) => checkText(a, argument, 200)))];
}
