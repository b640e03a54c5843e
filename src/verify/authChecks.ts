import type { CheckResult } from './CheckResult.js';
import type { TargetClient, TargetRequest, TargetResponse } from './createTargetClient.js';
import { judgeRefusal, toCheck } from './judgeRefusal.js';
import type { ResponseJudge } from './judgeResponse.js';

/** A request that would be accepted with the run's credentials, by the operation it goes to. */
export interface AuthProbe {
  operationId: string;
  request: TargetRequest;
}

/**
 * Each operation, asked without credentials and with a key no gateway accepts (neither an
 * `sk-bf-` key nor a JWT), must answer a spec-valid 401 before doing anything else.
 * `skipMissing` leaves out the no-credentials case where another check already sends it.
 */
export async function authChecks(
  client: TargetClient,
  judge: ResponseJudge,
  probes: readonly AuthProbe[],
  skipMissing: ReadonlySet<string> = new Set(),
  onAccepted: (response: TargetResponse) => void = () => {},
): Promise<CheckResult[]> {
  const cases = probes.flatMap((probe) => [
    ...(skipMissing.has(probe.operationId) ? [] : [{ probe, auth: false as const, name: 'auth.missing-key', what: 'no credentials' }]),
    { probe, auth: 'invalid' as const, name: 'auth.invalid-key', what: 'a key that is neither sk-bf-... nor a JWT' },
  ]);
  return Promise.all(
    cases.map(async ({ probe, auth, name, what }) => {
      const request = { ...probe.request, auth };
      const response = await client.send(request);
      // A create that was wrongly let in made a job: it must be cleaned up.
      if (response.status >= 200 && response.status < 300) onAccepted(response);
      return toCheck(name, `${probe.operationId}: ${what}`, response, judgeRefusal(response, judge, { status: 401 }), request);
    }),
  );
}
