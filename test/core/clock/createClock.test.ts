import { ClockError, createClock } from '../../../src/core/clock/createClock.js';

const START = Date.UTC(2026, 0, 15, 12);

describe('createClock', () => {
  test('a frozen clock stands still until advanced or set, and reset puts it back', () => {
    const clock = createClock({ mode: 'frozen', start: START });
    expect(clock.now()).toBe(START);
    clock.advance(90);
    expect(clock.now()).toBe(START + 90_000);
    clock.set(START + 3_600_000);
    expect(clock.now()).toBe(START + 3_600_000);
    clock.reset();
    expect(clock.now()).toBe(START);
  });

  test('a live clock follows the real time, plus whatever it was advanced by', () => {
    let real = 1_000_000;
    const clock = createClock({ mode: 'live', start: START, realNow: () => real });
    expect(clock.now()).toBe(1_000_000);
    real += 500;
    expect(clock.now()).toBe(1_000_500);
    clock.advance(2);
    real += 500;
    expect(clock.now()).toBe(1_003_000);
    clock.reset();
    expect(clock.now()).toBe(real);
  });

  test.each([
    ['backwards', (c: ReturnType<typeof createClock>) => c.set(START - 1), /never goes backwards/],
    ['a negative advance', (c: ReturnType<typeof createClock>) => c.advance(-1), /not a number of seconds >= 0/],
    ['past 2100', (c: ReturnType<typeof createClock>) => c.set(Date.UTC(2100, 0, 2)), /is after 2100/],
    ['NaN', (c: ReturnType<typeof createClock>) => c.set(Number.NaN), /not a finite number/],
  ])('a move %s is refused and leaves the clock where it was', (_name, move, message) => {
    const clock = createClock({ mode: 'frozen', start: START });
    expect(() => move(clock)).toThrow(ClockError);
    expect(() => move(clock)).toThrow(message);
    expect(clock.now()).toBe(START);
  });

  test('a live clock goes back to real time on request, and says how far it had moved', () => {
    let real = 1_000_000;
    const clock = createClock({ mode: 'live', start: START, realNow: () => real });
    clock.advance(3600);
    expect(clock.movedMs()).toBe(3_600_000);
    real += 250;
    clock.backToRealTime();
    expect(clock.now()).toBe(real);
    expect(clock.movedMs()).toBe(0);
  });

  test('a frozen clock has no real time to go back to: refused, and it stays where it was', () => {
    const clock = createClock({ mode: 'frozen', start: START });
    clock.advance(60);
    expect(() => clock.backToRealTime()).toThrow(ClockError);
    expect(() => clock.backToRealTime()).toThrow(/frozen/);
    expect(clock.now()).toBe(START + 60_000);
    expect(clock.movedMs()).toBe(60_000);
  });
});
