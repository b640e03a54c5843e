import { fullPagePlan } from '../../src/verify/fullPagePlan.js';

describe('fullPagePlan', () => {
  test.each([
    [250, [100, 20, 7], { limit: 50, skip: 0 }], // the case: 250 is no multiple of 100, 20 or 7
    [30, [100, 20, 7], { limit: 15, skip: 0 }],
    [60, [100, 20, 7], undefined], // 20 divides 60: the limit=20 walk already ends on a full page
    [0, [100], undefined],
    [13, [100], { limit: 13, skip: 0 }], // prime and small: one exactly full page
    [211, [100, 20, 7], { limit: 100, skip: 11 }], // prime and large: skip 11 jobs, then 2 full pages
  ])('%i jobs walked at %j -> %j', (total, walked, plan) => {
    expect(fullPagePlan(total, { min: 1, max: 100 }, walked)).toEqual(plan);
  });

  test.each([
    [211, { min: 1, max: 50 }, { limit: 50, skip: 11 }], // the largest page the spec allows, after 11 jobs
    [13, { min: 1, max: 10 }, { limit: 10, skip: 3 }], // prime above the maximum
    [26, { min: 14, max: 100 }, { limit: 26, skip: 0 }], // 13 is below the minimum: one page of all 26
    [5, { min: 10, max: 100 }, undefined], // fewer jobs than the smallest page: no page can be full
  ])('%i jobs with limit allowed in %j -> %j', (total, range, plan) => {
    expect(fullPagePlan(total, range, [7])).toEqual(plan);
  });
});
