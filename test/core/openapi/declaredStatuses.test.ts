import { declaredStatuses, errorStatusesOf } from '../../../src/core/openapi/declaredStatuses.js';

describe('declaredStatuses', () => {
  test('lists codes and ranges as written, without default', () => {
    expect(declaredStatuses(['200', '404', '4XX', 'default']).listed).toEqual(['200', '404', '4XX']);
  });

  test.each([
    [404, true],
    [409, true], // in 4XX
    [200, true],
    [201, false],
    [500, false], // only default covers it
  ])('with 200, 404, 4XX and default, %i declared is %s', (status, declared) => {
    expect(declaredStatuses(['200', '404', '4XX', 'default']).has(status)).toBe(declared);
  });

  test('plain numbers work as codes', () => {
    expect(declaredStatuses([400, 503]).has(503)).toBe(true);
  });
});

describe('errorStatusesOf', () => {
  test('is the sorted union of the 4xx and 5xx statuses of every operation, codes and ranges', () => {
    const all = errorStatusesOf([{ statuses: ['200', '404', 'default'] }, { statuses: ['201', '409', '5XX', '404'] }]);
    expect(all.listed).toEqual(['404', '409', '5XX']);
    expect(all.has(502)).toBe(true);
    expect(all.has(201)).toBe(false);
  });
});
