import type { Contract, OperationContract } from '../core/openapi/compileContract.js';

export type OperationFinder = (method: string, url: string) => OperationContract | undefined;

/**
 * Which operation of the spec a request went to, from its method and URL. The base URL's path
 * (a gateway mounted under `/api`, say) is a prefix of every route; a path parameter is one
 * segment, percent-encoded or not.
 */
export function createOperationFinder(contract: Contract, baseUrl: string): OperationFinder {
  const prefix = new URL(baseUrl).pathname.replace(/\/$/, '');
  const routes = [...contract.operations.values()].map((operation) => ({ operation, pattern: routePattern(prefix + operation.path) }));
  return (method, url) => {
    const { pathname } = new URL(url);
    return routes.find((r) => r.operation.method === method && r.pattern.test(pathname))?.operation;
  };
}

/** `/v1/videos/{video_id}` → /^\/v1\/videos\/[^/]+$/ */
function routePattern(template: string): RegExp {
  const parts = template.split(/\{[^}]+\}/).map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^/]+')}$`);
}

/** The operation's path with its parameters filled in, each percent-encoded but for `:` (the gateway splits ids on it). */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? '').replace(/%3A/gi, ':'));
}
