import { presetEffect, presetNames } from './presets.js';

export interface PresetInfo {
  name: string;
  /** The HTTP status it answers with; null for network faults (no response at all). */
  status: number | null;
  description: string;
}

/** What each preset imitates, as the README's preset table says it. */
const descriptions: Record<string, string> = {
  virtual_key_required: 'no key sent (type virtual_key_required)',
  virtual_key_not_found: 'key unknown or revoked',
  virtual_key_blocked: 'key blocked by an admin',
  budget_exceeded: "the key's budget is used up",
  rate_limited: "the gateway's own rate limit, is_bifrost_error: true, Retry-After: 1",
  provider_rate_limited: "OpenAI's 429 passed through (is_bifrost_error: false, code rate_limit_exceeded)",
  provider_error: "OpenAI's server_error passed through",
  bad_gateway: 'the provider answered garbage',
  provider_unavailable: 'provider outage (is_bifrost_error: false)',
  gateway_timeout: 'the provider did not answer in time',
  not_found: 'a BifrostError 404 (type not_found)',
  unsupported_operation: '<request type> is not supported by <provider> provider',
  reset: 'the socket is reset: clients see ECONNRESET',
  empty: 'the connection closes without a byte: socket hang up',
  hang: 'no answer at all, until the client gives up',
  'slow:<ms>': 'the normal response, <ms> late',
};

/** Every preset by name, with its status and what it imitates (for `GET /__mock/presets`). */
export function presetCatalog(): PresetInfo[] {
  return presetNames.map((name) => {
    const effect = presetEffect(name === 'slow:<ms>' ? 'slow:0' : name, {});
    const status = effect?.kind === 'error' ? effect.error.status : effect?.kind === 'slow' ? 200 : null;
    return { name, status, description: descriptions[name] ?? '' };
  });
}
