import type { Request, Response, Router } from 'express';
import type { FaultEngine } from '../../../core/faults/createFaultEngine.js';
import { presetCatalog } from '../../../core/faults/presetCatalog.js';
import { listScenarios } from '../../../files/listScenarios.js';
import type { Log } from '../../../core/pipeline/judgeResponse.js';
import type { Fail, WriteRoute } from './writeRoute.js';

/**
 * The rules in force under /__mock/faults, the presets and the shipped scenarios. Only
 * `DELETE /__mock/faults` clears every rule; `?spent=true` clears only the spent ones, and a
 * name goes URL-encoded in `DELETE /__mock/faults/{name}`.
 */
export function faultRoutes(router: Router, faults: FaultEngine, { fail, write, log }: { fail: Fail; write: WriteRoute; log: Log }): void {
  const rules = () => ({ rules: faults.rules() });
  const clearAll = write('rules cleared', () => (faults.clear(), rules()));
  const clearSpent = write('spent rules removed', () => ({ removed: faults.removeSpent(), rules: faults.rules() }));

  router.get('/faults', (_req, res) => {
    res.json(rules());
  });
  router.put('/faults', write('rules replaced', (body) => (faults.replace(body), rules()), { takesRules: true }));
  // The added rule and the count, not the list: a POST costs the same with 1 or 1,000 rules.
  router.post('/faults', write('rule added', (body) => ({ rule: faults.add(body), count: faults.count() }), { status: 201, takesRules: true }));
  router.delete('/faults', (req: Request, res: Response) => {
    // A trailing slash is a rule name left empty (a URL built from ""), never "clear everything".
    if (req.path !== '/faults') {
      return fail(res, 404, `DELETE ${req.originalUrl}: no rule name after the slash (DELETE /__mock/faults/{name} removes one rule, DELETE /__mock/faults all of them); nothing was changed`, 'not_found');
    }
    const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    const refused = refusedClearQuery(query);
    if (refused) return fail(res, 400, `DELETE ${req.originalUrl}: ${refused}; nothing was changed`, 'invalid_request_error');
    return query.has('spent') ? clearSpent(req, res) : clearAll(req, res);
  });
  router.delete('/faults/:name', (req, res) => {
    const name = String(req.params['name']);
    const removed = faults.remove(name);
    if (!removed) return fail(res, 404, `DELETE ${req.originalUrl}: no rule named ${JSON.stringify(name)} (unnamed rules are "rule <index>")`, 'not_found');
    log(`admin: rule ${JSON.stringify(name)} removed`);
    res.json({ removed, remaining: faults.count() });
  });
  router.get('/presets', (_req, res) => {
    res.json({ presets: presetCatalog() });
  });
  router.get('/scenarios', (_req, res, next) => {
    listScenarios()
      .then((scenarios) => res.json({ scenarios }))
      .catch(next);
  });
}

/** Why a clear's query is refused: only `spent=true` narrows it, and a typo must not clear all. */
function refusedClearQuery(query: URLSearchParams): string | undefined {
  for (const name of new Set(query.keys())) {
    if (name !== 'spent') return `${name}: unknown parameter (only spent=true, to remove the spent rules)`;
  }
  const spent = query.getAll('spent');
  if (spent.length > 1 || (spent.length === 1 && spent[0] !== 'true')) return 'spent: only spent=true is accepted';
  return undefined;
}
