import { describeSightings, lifecycleProblem, type Sighting } from '../../src/verify/pollJob.js';

const seen = (...steps: [string, number?][]): Sighting[] => steps.map(([status, progress]) => ({ status, progress }));

describe('lifecycleProblem: a job only moves forward', () => {
  test.each([
    ['queued -> in_progress -> completed', seen(['queued', 0], ['in_progress', 10], ['in_progress', 60], ['completed', 100])],
    ['queued -> failed (refused before rendering)', seen(['queued', 0], ['failed'])],
    ['in_progress -> failed', seen(['in_progress', 40], ['failed', 40])],
    ['completed at once (a synchronous provider)', seen(['completed', 100])],
    ['progress not given at all', seen(['queued'], ['in_progress'], ['completed'])],
  ])('%s is fine', (_, sightings) => {
    expect(lifecycleProblem(sightings)).toBeUndefined();
  });

  test.each([
    ['queued -> completed', seen(['queued', 0], ['completed', 100]), 'status jumped from queued to completed: the job was never seen in_progress'],
    ['in_progress -> queued', seen(['queued', 0], ['in_progress', 5], ['queued', 0]), 'status went from in_progress back to queued'],
    ['completed -> in_progress', seen(['in_progress', 50], ['completed', 100], ['in_progress', 99]), 'status went from completed back to in_progress'],
    ['completed -> failed', seen(['in_progress', 50], ['completed', 100], ['failed']), 'status went from completed back to failed'],
    ['progress falling', seen(['in_progress', 60], ['in_progress', 20]), 'progress fell from 60 to 20 while in_progress'],
    ['completed short of 100', seen(['in_progress', 60], ['completed', 90]), 'a completed job shows progress 90, not 100'],
  ])('%s is a problem', (_, sightings, problem) => {
    expect(lifecycleProblem(sightings)).toBe(problem);
  });

  test('the sightings are told in short, repeats folded', () => {
    expect(describeSightings(seen(['queued', 0], ['queued', 0], ['in_progress', 10], ['completed', 100]))).toBe('queued(0) → in_progress(10) → completed(100)');
  });
});
