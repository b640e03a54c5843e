import { errors } from '../errors/catalog.js';
import type { RequestBody } from './HandlerInput.js';

/** The spec's verdict on a request body (see domainRequestBody): its first problem is a 400 naming the field. */
export function checkBody(body: RequestBody | undefined): void {
  const problem = body?.problem;
  if (problem) throw errors.invalidBodyField(problem.field, problem.reason);
}
