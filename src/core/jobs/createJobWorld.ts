import type { Clock } from '../clock/createClock.js';
import type { Dataset } from '../data/createDataset.js';
import type { JobRecord } from '../data/JobRecord.js';
import type { ModelProfile, ProviderProfile } from '../data/providerCatalog.js';
import { renderPlan, type Outcome } from '../data/renderPlan.js';
import { errors } from '../errors/catalog.js';
import type { Video } from '../openapi/payloads.js';
import { createSeededRandomizer } from '../random/seededRandomizer.js';
import type { JobStore } from './createJobStore.js';
import { jobIds } from './jobIds.js';
import { jobView } from './jobView.js';
import { jobViews } from './jobViews.js';
import { listPages } from './listPages.js';
import type { SortOrder } from './pageOfJobs.js';

/** How a job should end, asked by a request header or a fault rule. */
export interface JobDirective {
  outcome?: Outcome;
  /** Total time from creation to the end, overriding the render plan (and --render-speed). */
  renderSeconds?: number;
}

export interface CreateInput extends JobDirective {
  /** The provider's model id (the `openai/` prefix already taken off). */
  model: string;
  prompt: string;
  seconds?: string;
  size?: string;
  /**
   * The pixel size of an uploaded input reference; `null` when the upload is not a readable
   * PNG, JPEG or WebP image; absent when none was sent. A reference that is unreadable or not
   * of the job's size makes the job fail (unless the job was told how to end).
   */
  inputReference?: { width: number; height: number } | null;
}

/**
 * Videos it hands out (retrieve, create, remix, list pages) are either frozen, and shared by
 * every response that shows them, or fresh objects it keeps no reference to: the caller's own.
 */
export interface JobWorld {
  readonly clock: Clock;
  /** Render speed-up of every job (--render-speed). */
  readonly renderSpeed: number;
  /** The provider catalog the world was built from: what each provider and model supports. */
  readonly providers: readonly ProviderProfile[];
  /** Throws the gateway's 400 unless the provider exists and supports the request type. */
  checkSupport(provider: string, requestType: string): void;
  list(provider: string, request: { order: SortOrder; limit: number; after?: string }): { data: readonly Video[]; hasMore: boolean };
  retrieve(provider: string, id: string): Video;
  create(provider: string, input: CreateInput): Video;
  remix(provider: string, id: string, input: { prompt: string } & JobDirective): Video;
  remove(provider: string, id: string): void;
  /** Forget created jobs and deletions (ids handed out before are never valid again). */
  reset(): void;
}

export interface JobWorldOptions {
  dataset: Dataset;
  clock: Clock;
  store: JobStore;
  /** Mixed into created ids, so two instances never hand out the same id. */
  instanceSalt: number;
}

/** How a job ends whose input reference is not a readable image, or not of the job's size. */
const UNUSABLE_REFERENCE: Outcome = Object.freeze({ status: 'failed', code: 'invalid_input_reference', atFraction: 0 });

/**
 * The one world of jobs: seeded jobs (derived on demand, anchored at --now) and jobs created on
 * this instance, minus deletions, all read through the same jobView(record, clock.now()). Its
 * parts: ids (jobIds), views of every job (jobViews), kept list pages (listPages); what is left
 * here is the gateway's rules for each operation.
 */
export function createJobWorld({ dataset, clock, store, instanceSalt }: JobWorldOptions): JobWorld {
  const { seed } = dataset.options;
  const renderSpeed = dataset.options.renderSpeed ?? 1;
  const ids = jobIds(dataset, store, instanceSalt);
  const views = jobViews(dataset, store);
  const pages = listPages(dataset, store, views);
  const seededCount = (provider: string) => dataset.jobs(provider)?.count ?? 0;
  const draws = createSeededRandomizer([seed >>> 0, 7]);

  const find = (provider: string, id: string) => {
    const position = ids.locate(provider, id);
    if (position === undefined || !views.exists(provider, position)) throw errors.videoNotFound(id);
    return { position, view: views.viewAt(provider, position, clock.now()) };
  };

  const add = (provider: string, fields: Omit<JobRecord, 'id' | 'createdAtMs' | 'plan'>, directive: JobDirective): Video => {
    // A new job heads the list at once, even on a clock set before the seeded world's newest job.
    const createdAtMs = Math.max(clock.now(), views.newestCreatedAtMs(provider));
    const plan = renderPlan(fields, { queue: draws.next(), jitter: draws.next() }, renderSpeed, directive.outcome);
    if (directive.renderSeconds !== undefined) {
      plan.queueMs = 0;
      plan.renderMs = Math.max(1, Math.round(directive.renderSeconds * 1000));
    }
    // Create and remix answer `queued`, progress 0, as the gateway does, even when a rule's
    // renderSeconds or a high --render-speed leaves no queue wait: rendering starts 1 ms later.
    plan.queueMs = Math.max(1, plan.queueMs);
    // Every record of a created job has the same fields in the same order (no spread): one shape.
    const job = store.add(provider, seededCount(provider), (position) => ({
      id: ids.mint(provider, position, createdAtMs),
      model: fields.model,
      prompt: fields.prompt,
      seconds: fields.seconds,
      size: fields.size,
      createdAtMs,
      remixedFromVideoId: fields.remixedFromVideoId,
      plan,
    }));
    // As it stands at its creation instant: a live clock may have ticked since.
    return jobView(job.record, createdAtMs).video;
  };

  const profileOf = (provider: string) => {
    const profile = dataset.profile(provider);
    if (!profile) throw errors.unknownProvider(provider);
    return profile;
  };

  return {
    clock,
    renderSpeed,
    providers: dataset.options.catalog.providers,
    checkSupport(provider, requestType) {
      if (!profileOf(provider).operations.includes(requestType)) throw errors.unsupportedOperation(provider, requestType);
    },
    list(provider, { order, limit, after }) {
      let afterPosition: number | undefined;
      if (after !== undefined) {
        afterPosition = ids.locate(provider, after);
        if (afterPosition === undefined) throw errors.unknownCursor(after, provider);
      }
      return pages.page(provider, { order, limit, ...(afterPosition !== undefined && { afterPosition }) }, clock.now());
    },
    retrieve: (provider, id) => find(provider, id).view.video,
    create(provider, input) {
      const model = profileOf(provider).models.find((m) => m.id === input.model);
      if (!model) throw errors.unsupportedValue('model', input.model, profileOf(provider).models.map((m) => m.id));
      const { size, seconds } = sizeAndSeconds(model, input);
      const reference = input.inputReference;
      const otherSize = reference != null && `${reference.width}x${reference.height}` !== size;
      // OpenAI refuses such an image at once; other providers take the job and fail it.
      if (otherSize && profileOf(provider).referenceSizeCheck === 'create') throw errors.referenceSizeMismatch(reference, size);
      const unusable = reference === null || otherSize;
      const directive = unusable && input.outcome === undefined ? { ...input, outcome: UNUSABLE_REFERENCE } : input;
      return add(provider, { model: model.id, prompt: input.prompt, seconds, size }, directive);
    },
    remix(provider, id, input) {
      const source = find(provider, id).view.video;
      if (source.status !== 'completed') throw errors.videoNotReady(source.status);
      const fields = { model: source.model, prompt: input.prompt, seconds: source.seconds, size: source.size, remixedFromVideoId: source.id };
      return add(provider, fields, input);
    },
    remove(provider, id) {
      const { position, view } = find(provider, id);
      const { status } = view.video;
      const final = status === 'completed' || status === 'failed';
      if (!final && !profileOf(provider).deleteCancels) throw errors.notDeletable(status);
      const count = seededCount(provider);
      if (position < count) store.deleteSeeded(provider, count, position);
      else store.removeCreated(provider, position);
    },
    reset() {
      store.clear();
      clock.reset();
      pages.clear();
      draws.seed([seed >>> 0, 7]);
    },
  };
}

/** The request's size and seconds, checked against the model (defaults: the model's first). */
function sizeAndSeconds(model: ModelProfile, input: CreateInput): { size: string; seconds: string } {
  const size = input.size ?? model.sizes[0]!;
  const seconds = input.seconds ?? model.seconds[0]!;
  if (!model.sizes.includes(size)) throw errors.unsupportedValue('size', size, model.sizes);
  if (!model.seconds.includes(seconds)) throw errors.unsupportedValue('seconds', seconds, model.seconds);
  return { size, seconds };
}
