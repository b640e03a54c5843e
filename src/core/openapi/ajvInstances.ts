import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** OpenAPI annotations that are not JSON Schema vocabulary; ajv's strict mode must know them. */
const OPENAPI_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'];
/** OpenAPI's own formats (file contents, passwords, number widths): any value passes. */
const OPENAPI_FORMATS = ['binary', 'password', 'int32', 'int64', 'float', 'double'];

export interface AjvPair {
  fast: Ajv2020;
  explainer: Ajv2020;
}

/** One pair that checks each schema against the meta-schema, one that does not (vetted specs). */
const shared = new Map<boolean, AjvPair & { keywords: Set<string> }>();

/**
 * The two ajv instances every contract compiles with: `fast` stops at the first error,
 * `explainer` reports them all (used only to explain a failure). They are made once per
 * process: a new instance compiles the 2020-12 meta-schema first, which was a third of a
 * reload's time. A spec that was vetted (see LoadedSpec) gets a pair that skips that check,
 * and never compiles the meta-schema. Each contract clears the previous one's cached schemas
 * (its compiled validators live on in their closures), so a reload does not grow the cache.
 */
export function ajvInstances(document: object, checkSchemas = true): AjvPair {
  const pair = pairFor(checkSchemas);
  for (const instance of [pair.fast, pair.explainer]) instance.removeSchema();
  // Specification extensions (`x-faker`, ...) are annotations for ajv, not unknown keywords
  // (and ajv refuses a second definition).
  for (const keyword of extensionKeywords(document)) {
    if (pair.keywords.has(keyword)) continue;
    pair.fast.addKeyword(keyword);
    pair.explainer.addKeyword(keyword);
    pair.keywords.add(keyword);
  }
  return { fast: pair.fast, explainer: pair.explainer };
}

/**
 * Makes the pair that checks schemas and compiles the meta-schema it checks them with, ahead of
 * the first reload of an edited spec (a server started on the vetted spec has neither yet).
 */
export function prepareSchemaChecks(): void {
  pairFor(true).fast.validateSchema({});
}

function pairFor(checkSchemas: boolean) {
  let pair = shared.get(checkSchemas);
  if (!pair) shared.set(checkSchemas, (pair = { fast: create(false, checkSchemas), explainer: create(true, checkSchemas), keywords: new Set() }));
  return pair;
}

/**
 * ajv logs a validator's whole generated source (kilobytes) before it rethrows a compile error;
 * the error itself reaches the user as a ConfigError naming the schema (compileFailure), so only
 * the dump is dropped (ajv logs nothing else with `log`). Warnings still go to the console.
 */
const QUIET_ON_COMPILE_ERRORS = { log: () => undefined, warn: console.warn, error: () => undefined };

function create(allErrors: boolean, validateSchema: boolean): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors, keywords: OPENAPI_KEYWORDS, validateSchema, logger: QUIET_ON_COMPILE_ERRORS });
  addFormats(ajv);
  for (const format of OPENAPI_FORMATS) ajv.addFormat(format, true);
  return ajv;
}

/** Every `x-...` key in the document, for ajv to accept as an annotation. */
function extensionKeywords(document: object): string[] {
  const found = new Set<string>();
  const seen = new WeakSet<object>();
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      visit(child);
    }
  };
  visit(document);
  return [...found];
}
