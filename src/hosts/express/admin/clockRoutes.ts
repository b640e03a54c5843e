import type { Request, Response, Router } from 'express';
import { ClockError } from '../../../core/clock/createClock.js';
import { advanceClock, setClock } from '../../../core/clock/clockMoves.js';
import type { JobWorld } from '../../../core/jobs/createJobWorld.js';
import type { ClockState } from '../../../shared/clockState.js';
import type { Log } from '../../../core/pipeline/judgeResponse.js';
import type { Fail } from './writeRoute.js';

const MOVES = ['advance', 'set', 'live'];
const USAGE = 'send {"advance": <seconds>}, {"set": <ISO 8601 or unix seconds>} or {"live": true} (a live clock back to real time) as JSON';

/**
 * GET /__mock/clock → ClockState; POST /__mock/clock with `{"advance": <seconds>}`,
 * `{"set": <ISO 8601 or unix seconds>}` or `{"live": true}` (a live clock drops every advance and
 * reads the real time again). A refused move (backwards, not a time, a frozen clock asked for
 * real time) is a 400 and leaves the clock where it was.
 */
export function clockRoutes(router: Router, world: JobWorld, fail: Fail, log: Log): void {
  const { clock } = world;
  const state = (): ClockState => {
    const now = clock.now();
    return { now: new Date(now).toISOString(), nowUnix: Math.floor(now / 1000), mode: clock.mode, movedSeconds: Math.round(clock.movedMs() / 1000), renderSpeed: world.renderSpeed };
  };
  router.get('/clock', (_req, res) => {
    res.json(state());
  });
  router.post('/clock', (req: Request, res: Response) => {
    const body: unknown = req.body;
    const move = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const keys = Object.keys(move);
    if (!req.is('application/json') || keys.length !== 1 || !MOVES.includes(keys[0]!)) {
      return fail(res, 400, `POST /__mock/clock: ${USAGE}; the clock is unchanged`, 'invalid_request_error');
    }
    try {
      if ('advance' in move) {
        advanceClock(clock, move['advance']);
      } else if ('live' in move) {
        if (move['live'] !== true) throw new ClockError(`live: only true is accepted (back to real time), not ${JSON.stringify(move['live'])}`);
        clock.backToRealTime();
      } else {
        setClock(clock, move['set']);
      }
    } catch (error) {
      if (error instanceof ClockError) {
        return fail(res, 400, `POST /__mock/clock: ${error.message}; the clock is unchanged`, 'invalid_request_error');
      }
      throw error;
    }
    log(`admin: clock ${keys[0] === 'live' ? 'back to real time' : keys[0]} → ${state().now}`);
    res.json(state());
  });
}
