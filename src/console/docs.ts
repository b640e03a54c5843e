/** The API reference page: Swagger UI (served from the package) over the spec in force. */
interface SwaggerRequest {
  headers: Record<string, string>;
}
interface SwaggerUIBundleType {
  (options: Record<string, unknown>): unknown;
}

const bundle = (window as unknown as { SwaggerUIBundle?: SwaggerUIBundleType }).SwaggerUIBundle;
const token = sessionStorage.getItem('video-jobs-mock.adminToken');
if (bundle) {
  bundle({
    url: 'openapi.json',
    dom_id: '#docs',
    deepLinking: true,
    validatorUrl: null,
    // The spec is served by the admin API: send the token the console was given, if any.
    requestInterceptor: (request: SwaggerRequest) => {
      if (token && request.headers) request.headers['X-Mock-Admin-Token'] = token;
      return request;
    },
  });
} else {
  document.body.textContent = 'Swagger UI did not load (docs/swagger-ui-bundle.js).';
}
