import type { Faker } from '@faker-js/faker';

/** What json-schema-faker is given for `x-faker`: the faker to call and a step for its results. */
export interface FakerBridge {
  faker: Faker;
  /** json-schema-faker's `outputTransform`: writes a faker Date the way the schema asks. */
  outputTransform(value: unknown, schema: unknown, path: string): unknown;
}

/**
 * json-schema-faker turns a Date that an `x-faker` method returns (`date.recent`) into text
 * with `String(date)` (`Thu Nov 26 2026 ...`, not ISO 8601), and for `format: date` reads it in
 * the machine's time zone. The bridge notes each Date a faker method returns, and the output
 * step right after rewrites that value from the Date itself, in UTC: `format: date` as
 * `YYYY-MM-DD`, `format: time` as `HH:MM:SS.sssZ`, any other string as ISO 8601. Numbers
 * (an integer schema) keep the library's milliseconds.
 */
export function createFakerBridge(faker: Faker): FakerBridge {
  let lastDate: Date | undefined;
  const modules = new Map<PropertyKey, unknown>();
  const wrapModule = (module: object) =>
    new Proxy(module, {
      get(target, name) {
        const member: unknown = Reflect.get(target, name);
        if (typeof member !== 'function') return member;
        return (...args: unknown[]) => {
          const value: unknown = (member as (...a: unknown[]) => unknown).apply(target, args);
          if (value instanceof Date && !Number.isNaN(value.getTime())) lastDate = value;
          return value;
        };
      },
    });
  const bridged = new Proxy(faker, {
    get(target, name) {
      const member: unknown = Reflect.get(target, name);
      if (typeof member !== 'object' || member === null) return member;
      if (!modules.has(name)) modules.set(name, wrapModule(member));
      return modules.get(name);
    },
  });
  return {
    faker: bridged,
    outputTransform(value, schema) {
      if (lastDate === undefined) return value;
      const date = lastDate;
      lastDate = undefined; // the value right after the faker call is the one it made
      if (typeof value !== 'string') return value;
      const iso = date.toISOString();
      const format = typeof schema === 'object' && schema !== null ? (schema as { format?: unknown }).format : undefined;
      if (format === 'date') return iso.slice(0, 10);
      if (format === 'time') return iso.slice(11);
      return iso;
    },
  };
}
