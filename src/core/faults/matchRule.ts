import type { DeclaredStatuses } from '../openapi/declaredStatuses.js';
import type { RuleMatch } from './FaultRule.js';

/** What the fault layer may look at in a request. */
export interface FaultRequest {
  /** Who sent it: the console's own requests match only rules that ask for them (default: app). */
  source?: 'console' | 'app';
  provider?: string;
  /** The operationId the request was routed to, e.g. `createVideo`. */
  operation?: string;
  /** The gateway's request type of that operation, e.g. `video_generation`. */
  requestType?: string;
  /** The statuses that operation declares: what `Prefer: code=` and a rule's custom status may be. */
  declared: DeclaredStatuses;
  query: URLSearchParams;
  /** Header value by lower-case name. */
  header(name: string): string | undefined;
  /**
   * Whether the request passed the gateway's own checks (key, parameters, body). A fault that
   * comes from the provider can only happen after them (default true). Asked only when such a
   * fault is in question: judging the body against the spec is not free.
   */
  passedGateway?: () => boolean;
}

/** The filters of a rule (source, provider, operation, query, headers): everything but counting and chance. */
export function passesFilters(match: RuleMatch | undefined, request: FaultRequest): boolean {
  const wanted = match?.source ?? 'app';
  if (wanted !== 'any' && wanted !== (request.source ?? 'app')) return false;
  if (!match) return true;
  if (match.provider !== undefined) {
    const providers = Array.isArray(match.provider) ? match.provider : [match.provider];
    if (request.provider === undefined || !providers.includes(request.provider)) return false;
  }
  if (match.operation !== undefined) {
    const operations = Array.isArray(match.operation) ? match.operation : [match.operation];
    if (!operations.some((name) => name === request.operation || name === request.requestType)) return false;
  }
  for (const [name, value] of Object.entries(match.query ?? {})) {
    if (!request.query.getAll(name).includes(value)) return false;
  }
  for (const [name, value] of Object.entries(match.headers ?? {})) {
    if (request.header(name.toLowerCase()) !== value) return false;
  }
  return true;
}

/** Whether the `count`-th request that passed the filters is one the rule picks by number. */
export function passesCount(match: RuleMatch | undefined, count: number): boolean {
  if (!match) return true;
  if (match.nth !== undefined && count !== match.nth) return false;
  if (match.every !== undefined && count % match.every !== 0) return false;
  if (match.first !== undefined && count > match.first) return false;
  if (match.after !== undefined && count <= match.after) return false;
  return true;
}
