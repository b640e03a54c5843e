/**
 * Every file of fixtures/media as [name, base64 of its bytes], written at build time by
 * scripts/bundleInputs.ts. About 3 MB: imported lazily, on the first content request.
 */
declare const mediaFiles: readonly (readonly [name: string, base64: string])[];
export default mediaFiles;
