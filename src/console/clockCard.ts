import type { ClockState } from '../shared/clockState.js';
import { admin, ApiError, describe } from './apiClient.js';
import { h, notice, show } from './dom.js';

const ADVANCES: [number, string][] = [[10, '+10 s'], [60, '+1 min'], [600, '+10 min'], [3600, '+1 h']];

export interface ClockCard {
  element: HTMLElement;
  /** Reads the clock again (the card hides itself when the server has none). */
  refresh(): Promise<void>;
  /** Ticks "now" every second under a live clock, from the last reading. */
  start(): void;
  stop(): void;
}

/**
 * The clock: where time stands (ticking under a live clock, between readings of the server),
 * advance buttons, and "Back to real time" for a live clock that was moved ahead.
 */
export function mountClockCard(): ClockCard {
  const element = h('div', { class: 'card', hidden: true, 'data-card': 'clock' });
  const now = h('dd', { 'data-fact': 'clock-now' });
  const mode = h('dd', { 'data-fact': 'clock-mode' });
  const moved = h('dd', { 'data-fact': 'clock-moved' });
  const speed = h('dd', {});
  const message = h('div', { 'data-message': 'clock' });
  const realTime = h('button', { 'data-action': 'real-time', title: 'Drop every advance: the clock reads the real time again', onclick: () => void move({ live: true }) }, 'Back to real time');
  show(element,
    h('h2', {}, 'Clock'),
    h('dl', { class: 'facts' }, h('dt', {}, 'now'), now, h('dt', {}, 'mode'), mode, h('dt', {}, 'moved'), moved, h('dt', {}, 'render speed'), speed),
    h('div', { class: 'toolbar', style: 'margin:12px 0 0' },
      h('span', { class: 'muted' }, 'Advance'),
      ...ADVANCES.map(([seconds, label]) => h('button', { onclick: () => void move({ advance: seconds }), 'data-advance': seconds }, label)),
      h('span', { class: 'spacer' }),
      realTime),
    message);

  /** The last reading: the server's time, and when (by this page's monotonic clock) it was read. */
  let reading: { nowMs: number; at: number; live: boolean } | undefined;
  let ticker: number | undefined;
  const tick = () => {
    if (!reading) return;
    const ms = reading.live ? reading.nowMs + (performance.now() - reading.at) : reading.nowMs;
    now.textContent = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  };

  const render = (clock: ClockState) => {
    reading = { nowMs: Date.parse(clock.now), at: performance.now(), live: clock.mode === 'live' };
    tick();
    mode.textContent = clock.mode === 'live' ? 'live (time flows)' : 'frozen (moves only when told)';
    moved.textContent = clock.movedSeconds === 0 ? (clock.mode === 'live' ? 'on real time' : 'at its start') : `+${formatSeconds(clock.movedSeconds)}${clock.mode === 'live' ? ' ahead of real time' : ''}`;
    speed.textContent = `${clock.renderSpeed}×`;
    realTime.hidden = clock.mode !== 'live';
    realTime.disabled = clock.movedSeconds === 0;
  };

  const move = async (body: { advance: number } | { live: true }) => {
    try {
      render(await admin<ClockState>('clock', { method: 'POST', body }));
      show(message);
    } catch (error) {
      notice(message, 'error', describe(error));
    }
  };

  return {
    element,
    async refresh() {
      try {
        render(await admin<ClockState>('clock'));
        element.hidden = false;
      } catch (error) {
        // No clock on this server (a 404): no card. Anything else is shown in it.
        element.hidden = error instanceof ApiError && error.status === 404;
        if (!element.hidden) notice(message, 'error', describe(error));
      }
    },
    start() {
      window.clearInterval(ticker);
      ticker = window.setInterval(tick, 1000);
    },
    stop() {
      window.clearInterval(ticker);
    },
  };
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return `${hours} h${minutes ? ` ${minutes} min` : ''}`;
}
