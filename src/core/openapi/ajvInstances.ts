import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** OpenAPI annotations that are not JSON Schema vocabulary; ajv's strict mode must know them. */
const OPENAPI_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'];
/** OpenAPI's own formats (file contents, passwords, number widths): any value passes. */
const OPENAPI_FORMATS = ['binary', 'password', 'int32', 'int64', 'float', 'double'];

let shared: { fast: Ajv2020; explainer: Ajv2020 } | undefined;
/** Extension keywords already added to both instances (ajv refuses a second definition). */
const added = new Set<string>();

/**
 * The two ajv instances every contract compiles with: `fast` stops at the first error,
 * `explainer` reports them all (used only to explain a failure). They are made once per
 * process: a new instance compiles the 2020-12 meta-schema first, which was a third of a
 * reload's time. Each contract clears the previous one's cached schemas (its compiled
 * validators live on in their closures), so a reload does not grow the cache.
 */
export function ajvInstances(document: object): { fast: Ajv2020; explainer: Ajv2020 } {
  shared ??= { fast: create(false), explainer: create(true) };
  const keywords = extensionKeywords(document);
  for (const instance of [shared.fast, shared.explainer]) instance.removeSchema();
  // Specification extensions (`x-faker`, ...) are annotations for ajv, not unknown keywords.
  for (const keyword of keywords) {
    if (added.has(keyword)) continue;
    shared.fast.addKeyword(keyword);
    shared.explainer.addKeyword(keyword);
    added.add(keyword);
  }
  return shared;
}

function create(allErrors: boolean): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors, keywords: OPENAPI_KEYWORDS });
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
