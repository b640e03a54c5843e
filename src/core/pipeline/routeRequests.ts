/** An operation's place in the URL space: its method and path template. */
export interface Routable {
  method: string;
  /** The OpenAPI path template, e.g. `/v1/videos/{video_id}`. */
  path: string;
}

export type RouteResult<T> =
  | { kind: 'found'; target: T; pathParams: Record<string, string> }
  | { kind: 'method'; allowed: readonly string[] }
  | { kind: 'none' };

interface Template<T> {
  segments: readonly (string | { param: string })[];
  byMethod: Map<string, T>;
}

/**
 * The spec's routes. Matched as Express matched them (its router served them before): static
 * segments case-insensitively, one trailing slash ignored, `{name}` one whole segment (raw,
 * decoded by the caller). A HEAD is answered by the GET. The gateway also mounts every `/v1/...`
 * route under `/openai/v1/...` and `/openai/...` for the OpenAI SDKs: those are the same routes.
 */
export function routeRequests<T extends Routable>(targets: Iterable<T>) {
  const exact = new Map<string, Template<T>>();
  const templates: Template<T>[] = [];
  for (const target of targets) {
    const key = target.path.toLowerCase();
    let template = exact.get(key) ?? templates.find((t) => samePath(t, target.path));
    if (!template) {
      template = { segments: segmentsOf(target.path), byMethod: new Map() };
      if (target.path.includes('{')) templates.push(template);
      else exact.set(key, template);
    }
    template.byMethod.set(target.method, target);
  }

  const matchPath = (path: string): { template: Template<T>; pathParams: Record<string, string> } | undefined => {
    const plain = exact.get(path) ?? exact.get(path.toLowerCase());
    if (plain) return { template: plain, pathParams: {} };
    const parts = path.split('/');
    for (const template of templates) {
      const pathParams = matchSegments(template.segments, parts);
      if (pathParams) return { template, pathParams };
    }
    return undefined;
  };

  return (method: string, rawPath: string): RouteResult<T> => {
    let path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
    let found = matchPath(path);
    if (!found && /^\/openai\//i.test(path)) {
      path = /^\/openai\/v1\//i.test(path) ? path.slice(7) : `/v1${path.slice(7)}`;
      found = matchPath(path);
    }
    if (!found) return { kind: 'none' };
    const target = found.template.byMethod.get(method) ?? (method === 'HEAD' ? found.template.byMethod.get('GET') : undefined);
    if (!target) return { kind: 'method', allowed: [...found.template.byMethod.keys()] };
    return { kind: 'found', target, pathParams: found.pathParams };
  };
}

function segmentsOf(path: string): (string | { param: string })[] {
  return path.split('/').map((segment) => {
    const param = /^\{([^}]+)\}$/.exec(segment)?.[1];
    return param === undefined ? segment.toLowerCase() : { param };
  });
}

function samePath<T>(template: Template<T>, path: string): boolean {
  const other = segmentsOf(path);
  return other.length === template.segments.length && other.every((s, i) => {
    const mine = template.segments[i]!;
    return typeof s === 'string' ? s === mine : typeof mine !== 'string';
  });
}

function matchSegments(segments: Template<unknown>['segments'], parts: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i]!;
    if (typeof segment === 'string') {
      if (segment !== part && segment !== part.toLowerCase()) return undefined;
    } else {
      if (part === '') return undefined;
      params[segment.param] = part;
    }
  }
  return params;
}

/**
 * A regular expression source matching every path the router above routes to one of these
 * templates (any method), the gateway's `/openai` mounts included: for hosts that pick the
 * API's requests out of others by URL first (MSW's handlers). Use it with the `i` flag, as
 * static segments match case-insensitively.
 */
export function routedPathPattern(templates: Iterable<string>): string {
  const alternatives = routedTemplates(templates).map((template) =>
    template
      .split('/')
      .map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/'),
  );
  return `(?:${alternatives.join('|')})/?`;
}

/** The templates with the gateway's `/openai/v1/...` and `/openai/...` mounts of each `/v1/...` one. */
export function routedTemplates(templates: Iterable<string>): string[] {
  const all = new Set<string>();
  for (const template of templates) {
    all.add(template);
    if (/^\/v1\//i.test(template)) {
      all.add(`/openai${template}`);
      all.add(`/openai${template.slice(3)}`);
    }
  }
  return [...all];
}
