/**
 * The bundled openapi.yaml, parsed and written out as JSON text by scripts/bundleInputs.ts at
 * build time (the `.js` beside this file is generated, not committed): no YAML parser at run time.
 */
declare const openapiText: string;
export default openapiText;
