import { Ajv2020 } from 'ajv/dist/2020.js';
import { describeErrors } from '../openapi/compileContract.js';
import { ConfigError } from '../errors/ConfigError.js';

export interface ModelProfile {
  id: string;
  /** Relative share of this model among the provider's jobs. */
  weight: number;
  sizes: string[];
  seconds: string[];
}

export interface ProviderProfile {
  name: string;
  /** Whether the gateway can list videos for this provider (openai and azure can). */
  canList: boolean;
  /**
   * Request types the provider supports (`video_generation`, `video_retrieve`, ...). When the
   * file leaves it out: every operation but the list, and the list when `canList`.
   */
  operations: string[];
  /**
   * Whether `video_delete` cancels a queued or running task (runway) instead of refusing it as
   * the other providers do: only completed or failed videos can be deleted there.
   */
  deleteCancels?: boolean;
  /**
   * The header the provider names each of its answers with (`x-request-id` for OpenAI and Azure
   * OpenAI), which the gateway forwards on success and on provider errors and the official SDKs
   * surface as `request_id`. Absent: the provider sends none.
   */
  requestIdHeader?: string;
  /**
   * When an `input_reference` image whose size is not the video's is found: `create` (refused
   * with a 400, as OpenAI's API answers `Inpaint image must match the requested width and
   * height`) or `job` (the job fails with `invalid_input_reference`; the default).
   */
  referenceSizeCheck?: 'create' | 'job';
  models: ModelProfile[];
}

/** Request types of the video API, as the gateway names them. */
export const REQUEST_TYPES = [
  'video_generation',
  'video_retrieve',
  'video_download',
  'video_delete',
  'video_remix',
  'video_list',
] as const;

export interface ProviderCatalog {
  providers: ProviderProfile[];
}

const catalogSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['providers'],
  properties: {
    providers: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'canList', 'models'],
        properties: {
          name: { type: 'string', pattern: '^[a-z0-9_-]+$' },
          canList: { type: 'boolean' },
          operations: { type: 'array', uniqueItems: true, items: { enum: REQUEST_TYPES } },
          deleteCancels: { type: 'boolean' },
          requestIdHeader: { type: 'string', pattern: '^[a-z0-9-]+$', maxLength: 64 },
          referenceSizeCheck: { enum: ['create', 'job'] },
          models: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'weight', 'sizes', 'seconds'],
              properties: {
                id: { type: 'string', minLength: 1 },
                weight: { type: 'number', exclusiveMinimum: 0 },
                sizes: {
                  type: 'array',
                  minItems: 1,
                  items: { type: 'string', pattern: '^[0-9]+x[0-9]+$' },
                },
                seconds: {
                  type: 'array',
                  minItems: 1,
                  items: { type: 'string', pattern: '^[0-9]+$' },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

type CatalogFile = { providers: (Omit<ProviderProfile, 'operations'> & { operations?: string[] })[] };
const validateCatalog = new Ajv2020({ allErrors: false }).compile<CatalogFile>(catalogSchema);

/**
 * Checks a parsed provider catalog and fills in what a provider may leave out; problems are
 * ConfigErrors whose message begins with `where` (the file, or a name for a bundled catalog).
 */
export function parseProviderCatalog(raw: unknown, where: string): ProviderCatalog {
  if (!validateCatalog(raw)) {
    throw new ConfigError(`${where}: invalid provider catalog: ${describeErrors(validateCatalog.errors ?? []).join('; ')}`);
  }
  const names = raw.providers.map((p) => p.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new ConfigError(`${where}: provider ${duplicate} is listed twice`);
  const providers = raw.providers.map((profile, i) => {
    const operations = profile.operations ?? REQUEST_TYPES.filter((type) => type !== 'video_list' || profile.canList);
    if (operations.includes('video_list') !== profile.canList) {
      throw new ConfigError(`${where}: $.providers.${i}.operations: lists video_list ${profile.canList ? 'not ' : ''}but canList is ${profile.canList}`);
    }
    return { ...profile, operations };
  });
  return { providers };
}
