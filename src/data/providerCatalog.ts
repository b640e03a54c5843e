import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describeErrors } from '../spec/compileContract.js';
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
  models: ModelProfile[];
}

export interface ProviderCatalog {
  providers: ProviderProfile[];
}

export const defaultCatalogPath = fileURLToPath(
  new URL('../../fixtures/providers.json', import.meta.url),
);

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

const validateCatalog = new Ajv2020({ allErrors: false }).compile<ProviderCatalog>(catalogSchema);

/** Reads and checks a provider catalog; problems are ConfigErrors naming the file. */
export async function loadProviderCatalog(path = defaultCatalogPath): Promise<ProviderCatalog> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `${path}: ${code ? `cannot read the provider catalog (${code})` : `not valid JSON: ${(error as Error).message}`}`,
    );
  }
  if (!validateCatalog(raw)) {
    throw new ConfigError(`${path}: invalid provider catalog: ${describeErrors(validateCatalog.errors ?? []).join('; ')}`);
  }
  const names = raw.providers.map((p) => p.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new ConfigError(`${path}: provider ${duplicate} is listed twice`);
  return raw;
}
