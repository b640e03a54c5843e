/**
 * Where job `position` (0 = oldest) sits in time, computed in O(1) so no job list is needed.
 * Jobs spread over the 30 days before `now`, denser toward `now` (age grows with the square
 * of the distance from the newest job), so a list starts with a few running jobs the way a
 * busy account's does. Creation times never decrease with position.
 */
export const HISTORY_SECONDS = 30 * 24 * 60 * 60;
/** The newest job was created this long before `now`. */
const NEWEST_AGE_SECONDS = 30;

export function createdAt(position: number, count: number, now: number): number {
  const distance = (count - 1 - position) / count;
  return now - NEWEST_AGE_SECONDS - Math.floor(HISTORY_SECONDS * distance * distance);
}
