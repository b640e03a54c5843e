import { compileContract, type OperationContract } from '../../../src/core/openapi/compileContract.js';
import { defaultSpecPath } from '../../../src/files/defaultSpecPath.js';
import { loadSpec } from '../../../src/files/loadSpec.js';

let listVideos: OperationContract;
beforeAll(async () => {
  listVideos = compileContract(await loadSpec(defaultSpecPath)).operations.get('listVideos')!;
});

const validList = () => ({
  object: 'list',
  data: [],
  has_more: false,
  extra_fields: { request_type: 'video_list', provider: 'openai', latency: 0, chunk_index: 0 },
});

describe('compileContract: the bundled spec', () => {
  test('loads vetted (its validators compile on first use) and compiles in full when not, every schema checked', async () => {
    const spec = await loadSpec(defaultSpecPath);
    expect(spec.vetted).toBe(true);
    // What startup skips for the vetted spec: checking each schema against the meta-schema, and compiling all of them.
    const checked = compileContract({ ...spec, vetted: false });
    expect([...checked.operations.keys()]).toContain('listVideos');
  });
});

describe('compileContract: judging response bodies', () => {
  test('a body that passed and was then changed is judged again, not remembered', () => {
    const body: Record<string, unknown> = validList();
    expect(listVideos.validateResponse(200, body).valid).toBe(true);
    body['has_more'] = 'yes';
    expect(listVideos.validateResponse(200, body)).toEqual({ valid: false, problems: ['$.has_more: must be boolean'] });
  });

  test('a frozen body that fails fails every time, with its problems', () => {
    const body = Object.freeze({ ...validList(), object: 'page' });
    for (let i = 0; i < 2; i++) {
      expect(listVideos.validateResponse(200, body)).toEqual({ valid: false, problems: ['$.object: must be equal to constant'] });
    }
  });

  test('a frozen body that passed passes again, and each verdict is a fresh value', () => {
    // Frozen all the way down, as every frozen body the server sends is.
    const list = validList();
    Object.freeze(list.data);
    Object.freeze(list.extra_fields);
    const body = Object.freeze(list);
    const first = listVideos.validateResponse(200, body);
    const second = listVideos.validateResponse(200, body);
    expect(second).toEqual({ valid: true, problems: [] });
    expect(second).not.toBe(first);
  });
});
