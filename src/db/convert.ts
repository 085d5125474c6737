import neo4j from 'neo4j-driver';

/**
 * Neo4j values as plain JavaScript: Integer → number, temporal → ISO string, Point → {latitude, longitude},
 * Node/Relationship → their properties, Path → its nodes and relationships; lists and maps converted deeply. Values JSON cannot carry exactly
 * become strings: integers outside ±(2^53 − 1) ("9007199254740993") and NaN and ±Infinity (which
 * JSON.stringify would silently turn into null). Everything above the loaders sees only these plain values.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Strings, floats and booleans are most of what comes back: return them before any type test.
  if (typeof value !== 'object') {
    return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const plain: Record<string, unknown> = {};
    for (const key in value) plain[key] = toPlain((value as Record<string, unknown>)[key]);
    return plain;
  }
  if (neo4j.isInt(value)) return neo4j.integer.inSafeRange(value) ? value.toNumber() : value.toString();
  if (neo4j.isPoint(value)) return { latitude: value.y, longitude: value.x };
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) return toPlain(value.properties);
  if (neo4j.isPath(value)) {
    return {
      nodes: [value.start, ...value.segments.map((s) => s.end)].map(toPlain),
      relationships: value.segments.map((s) => ({
        type: s.relationship.type,
        ...(toPlain(s.relationship) as object),
      })),
    };
  }
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
 * as a float, which LIMIT and offsets refuse or store wrongly); lists and plain objects deeply. Whole
 * numbers beyond ±(2^53 − 1), such as 1e30, stay floats: neo4j.int would silently clamp them to ±2^63.
 */
export function toParams(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toParams);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toParams(v)]));
  }
  return value;
}
