import { createControl, type MockControl } from '../../core/control/createControl.js';
import { createMock } from '../../core/createMock.js';
import { runtimeSettings } from '../../core/settings/runtimeSettings.js';
import { compileSpec, createRuntime } from '../../core/createRuntime.js';
import { parseProviderCatalog } from '../../core/data/providerCatalog.js';
import { ConfigError } from '../../core/errors/ConfigError.js';
import type { FaultRule } from '../../core/faults/FaultRule.js';
import { parseRules, RuleError } from '../../core/faults/parseRules.js';
import { describe } from '../../core/settings/checkOptionNames.js';
import { resolveSharedOptions } from '../../core/settings/sharedOptions.js';
import { createRequestJournal } from '../../core/journal/requestJournal.js';
import { checkFakerPaths } from '../../core/openapi/checkFakerPaths.js';
import type { Contract } from '../../core/openapi/compileContract.js';
import { errorStatusesOf } from '../../core/openapi/declaredStatuses.js';
import { routedPathPattern, routedTemplates } from '../../core/pipeline/routeRequests.js';
import { resolveWorldOptions } from '../../core/settings/resolveWorldOptions.js';
import { actOutReply } from './actOutReply.js';
import { bundledCatalog, bundledSpec, bundledWords, loadBundledMedia } from './bundledInputs.js';
import { drawsOnlyFrom, loadEnglish } from '../../core/random/fakerWords.js';
import { FetchMockRequest } from './FetchMockRequest.js';
import type { FetchHandlerOptions } from './FetchHandlerOptions.js';
import { lazyMedia } from './lazyMedia.js';
import { readRequestBody } from './readRequestBody.js';
import { specFromObject } from './specFromObject.js';


/** The mock as fetch-API hosts (the fetch handler, MSW) share it. */
export interface MountedMock {
  control: MockControl;
  /** A regular expression source (flag `i`) matching every path some operation is routed at. */
  pathPattern: string;
  /** The path templates operations are routed at (`/v1/videos/{video_id}`, and the gateway's `/openai/...` mounts). */
  paths: readonly string[];
  /** Answers `request` as sent to `target` (its path and query, any base path taken off). */
  answer(request: Request, target: string): Promise<Response>;
}

/**
 * Builds the mock from options and data, synchronously: bad options throw a ConfigError naming
 * them. What may load later (the media, faker's whole English for a spec whose `x-faker` calls
 * need it) is loaded before the first request that needs it is answered.
 */
export function mountMock(options: FetchHandlerOptions = {}): MountedMock {
  const world = resolveWorldOptions(options);
  const { keys, latency, journalSize, log } = resolveSharedOptions(options);
  checkMedia(options.media);
  const given = options.spec === undefined ? undefined : specFromObject(options.spec, 'spec (given)');
  const contract = given ? compileSpec(given) : bundledContract();
  const catalog = options.providers === undefined ? bundledCatalog() : parseProviderCatalog(options.providers, 'providers (given)');
  let words = bundledWords;
  const wordsReady = given && !drawsOnlyFrom(words, checkFakerPaths(given)) ? loadEnglish().then((english) => void (words = english)) : undefined;
  const runtime = createRuntime(
    { contract, known: bundledContract(), catalog, rules: faultRules(options.faults, contract), locale: () => words },
    // Created ids are the same on every run of the same seed and `now`: snapshot-friendly.
    runtimeSettings(world, { instanceSalt: 0, latency }),
  );
  const journal = createRequestJournal(journalSize);
  const media = lazyMedia(options.media ?? loadBundledMedia, options.media ? 'media (given)' : 'media (bundled)');
  const mock = createMock({ ...runtime, media: media.library, journal, log, auth: keys ? { keys: new Set(keys) } : {} });

  const templates = [...contract.operations.values()].map((operation) => operation.path);
  return {
    control: createControl({ world: () => runtime.world, faults: () => runtime.faults, journal }),
    pathPattern: routedPathPattern(templates),
    paths: routedTemplates(templates),
    async answer(request, target) {
      if (wordsReady) await wordsReady;
      const route = mock.routeOf(request.method.toUpperCase(), target);
      const readsBody = route.kind === 'operation' && route.takesBody;
      if (route.kind === 'operation' && route.readsMedia) await media.load();
      const mockRequest = new FetchMockRequest(request, target, readsBody ? await readRequestBody(request) : {});
      return actOutReply(await mock.handle(mockRequest, undefined, route), request);
    },
  };
}

/** The bundled spec compiled once, whatever the number of mounts: every test that mounts a mock shares it. */
function bundledContract(): Contract {
  return (bundled ??= compileSpec(bundledSpec()));
}

let bundled: Contract | undefined;

/** The fault rules option, checked against the spec's statuses; a bad rule is a ConfigError naming it. */
function faultRules(given: FetchHandlerOptions['faults'], contract: Contract): FaultRule[] {
  if (given === undefined) return [];
  try {
    return parseRules(given, errorStatusesOf(contract.operations.values()));
  } catch (error) {
    if (error instanceof RuleError) throw new ConfigError(`faults: ${error.message}`);
    throw error;
  }
}

/** The media option is data (the server's `mediaDir` is a folder, which no fetch-API runtime can read). */
function checkMedia(media: unknown): void {
  if (media === undefined || Array.isArray(media) || typeof media === 'function') return;
  throw new ConfigError(`media: ${describe(media)} is not a list of media files ({ name, bytes }) or a function that loads them`);
}
