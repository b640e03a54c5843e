/** The API reference page: Swagger UI (served from the package) over the spec in force. */
interface SwaggerUIBundleType {
  (options: Record<string, unknown>): unknown;
}
interface OpenApiDocument {
  servers?: { url: string; description?: string }[];
}

const bundle = (window as unknown as { SwaggerUIBundle?: SwaggerUIBundleType }).SwaggerUIBundle;
const root = document.getElementById('docs')!;

async function render(): Promise<void> {
  if (!bundle) throw new Error('Swagger UI did not load (docs/swagger-ui-bundle.js)');
  // The spec is served by the admin API: send the token the console was given, if any.
  const token = sessionStorage.getItem('video-jobs-mock.adminToken');
  const response = await fetch('openapi.json', { headers: token ? { 'X-Mock-Admin-Token': token } : {} });
  if (!response.ok) throw new Error(`GET /__mock/openapi.json answered ${response.status}`);
  const spec = (await response.json()) as OpenApiDocument;
  // "Try it out" calls this mock first, wherever it listens, then the servers the spec names.
  spec.servers = [{ url: location.origin, description: 'this mock' }, ...(spec.servers ?? []).filter((s) => s.url !== location.origin)];
  bundle({ spec, dom_id: '#docs', deepLinking: true, validatorUrl: null });
}

render().catch((error: unknown) => {
  root.textContent = `The API reference cannot be shown: ${error instanceof Error ? error.message : String(error)}`;
  root.setAttribute('style', 'font: 15px system-ui, sans-serif; color: #b91c1c; padding: 24px');
});
