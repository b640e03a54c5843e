import { errors } from '../errors/catalog.js';
import type { JobDirective } from '../jobs/createJobWorld.js';
import { parseOutcome } from '../jobs/parseOutcome.js';

/** The rule's directive, with the request's X-Mock-Outcome header (more specific) on top. */
export function jobDirective(header: string | undefined, fromRule: JobDirective): JobDirective {
  const asked = header?.trim();
  if (!asked) return fromRule;
  const outcome = parseOutcome(asked);
  if (!outcome) throw errors.invalidOutcomeHeader(asked);
  return { ...fromRule, outcome };
}
