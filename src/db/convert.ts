import neo4j from 'neo4j-driver';

/**
 * Neo4j values as plain JavaScript: Integer → number, temporal → ISO string, Point → {latitude, longitude},
 * Node/Relationship → their properties; lists and maps converted deeply. Everything above the loaders
 * sees only these plain values.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Strings, floats and booleans are most of what comes back: return them before any type test.
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const plain: Record<string, unknown> = {};
    for (const key in value) plain[key] = toPlain((value as Record<string, unknown>)[key]);
    return plain;
  }
  if (neo4j.isInt(value)) {
    if (!neo4j.integer.inSafeRange(value))
      throw new RangeError(`Neo4j integer ${value.toString()} is too large`);
    return value.toNumber();
  }
  if (neo4j.isPoint(value)) return { latitude: value.y, longitude: value.x };
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) return toPlain(value.properties);
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return value.toString();
  }
  return value;
}

/**
 * Parameters for Neo4j: whole JavaScript numbers become Neo4j integers (a JS number is otherwise sent
 * as a float, which LIMIT and offsets refuse or store wrongly); lists and plain objects deeply.
 */
export function toParams(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toParams);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toParams(v)]));
  }
  return value;
}
