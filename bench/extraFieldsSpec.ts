import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Doc {
  components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
}

/**
 * A copy of openapi.yaml whose Video has five more fields (four required, one optional with
 * `x-faker`): what a user's richer spec costs on the list, beside the bundled spec in one run.
 */
export function writeExtraFieldsSpec(root: string, dir: string): string {
  const doc = parse(readFileSync(join(root, 'openapi.yaml'), 'utf8')) as Doc;
  const video = doc.components.schemas['Video']!;
  Object.assign(video.properties, {
    thumbnail_url: { type: 'string', format: 'uri' },
    rating: { type: 'integer', minimum: 1, maximum: 5 },
    quality: { type: 'string', enum: ['draft', 'review', 'final'] },
    encoding: { type: 'object', required: ['codec'], properties: { codec: { type: 'string', enum: ['h264', 'av1'] } } },
    cover_url: { type: 'string', 'x-faker': 'image.url' },
  });
  video.required = [...(video.required ?? []), 'thumbnail_url', 'rating', 'quality', 'encoding'];
  const path = join(dir, 'openapi-extra-fields.json');
  writeFileSync(path, JSON.stringify(doc));
  return path;
}
