/**
 * A driver that counts the Cypher queries sent through it — `executeQuery`, `session.run` and `tx.run`
 * inside managed or explicit transactions — whoever sends them. The benchmark wraps the driver given to
 * newsgraph, the peer and the floor alike, so "queries per request" is measured the same way for all.
 */
import type { Driver } from 'neo4j-driver';

type Fn = (...args: unknown[]) => unknown;

/** A view of `target` whose listed methods are replaced by `override(original)`; the rest pass through. */
function intercept<T extends object>(target: T, overrides: Record<string, (original: Fn) => Fn>): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object) as unknown;
      if (typeof value !== 'function') return value;
      const original = (value as Fn).bind(object);
      const override = overrides[String(property)];
      return override ? override(original) : original;
    },
  });
}

/** A counting view of `driver`; `counter.queries` grows with every query run through it. */
export function countingDriver(driver: Driver): { driver: Driver; counter: { queries: number } } {
  const counter = { queries: 0 };
  const counted =
    (original: Fn): Fn =>
    (...args) => {
      counter.queries++;
      return original(...args);
    };
  const countingTx = (tx: object) => intercept(tx, { run: counted });
  const inCountingTx =
    (original: Fn): Fn =>
    (work, ...rest) =>
      original((tx: object) => (work as Fn)(countingTx(tx)), ...rest);
  const countingSession = (session: object) =>
    intercept(session, {
      run: counted,
      executeRead: inCountingTx,
      executeWrite: inCountingTx,
      readTransaction: inCountingTx,
      writeTransaction: inCountingTx,
      beginTransaction:
        (original) =>
        (...args) =>
          countingTx(original(...args) as object),
    });
  return {
    driver: intercept(driver, {
      executeQuery: counted,
      session:
        (original) =>
        (...args) =>
          countingSession(original(...args) as object),
    }),
    counter,
  };
}
