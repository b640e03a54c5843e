/** The defaults of `verifyServer` and of the `verify` command: one place, so they cannot differ. */
export const verifyDefaults = {
  provider: 'openai',
  /** Any `sk-bf-` key passes the mock; a real gateway needs a real one. */
  token: 'sk-bf-verify',
  maxPages: 50,
  /** Each walked in both orders, moved into the spec's `limit` range; a walk whose last page is exactly full is added from the total seen. */
  limits: [100, 20, 7] as readonly number[],
  /** A provider that exists but cannot list videos. */
  cannotListProvider: 'gemini',
  timeoutMs: 15_000,
  retries: 2,
  maxRetryWaitMs: 30_000,
  concurrency: 4,
  strict: false,
  lifecycle: false,
  /** Not sora-2's defaults (4 s, 720x1280), so a server that ignores what was asked shows. */
  lifecycleSeconds: '8',
  lifecycleSize: '1280x720',
  lifecycleTimeoutMs: 120_000,
  lifecyclePollMs: 1000,
} as const;

/** The provider whose ids serve as foreign cursors: another one that lists. */
export function foreignProviderFor(provider: string): string {
  return provider === 'azure' ? 'openai' : 'azure';
}
