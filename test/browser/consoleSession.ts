import type { Page } from 'playwright-core';
import type { JournalEntry } from '../../src/shared/journalEntry.js';
import { openBrowser, type Browser } from './openBrowser.js';
import { startCliServer, type CliServer } from './startCliServer.js';

export interface ConsoleSession {
  server: CliServer;
  browser: Browser;
  page: Page;
  /** Clicks a tab and waits until its panel shows. */
  tab(name: string): Promise<void>;
  /** An admin API call from outside the page (the test's own view of the server). */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  journal(query?: string): Promise<JournalEntry[]>;
  close(): Promise<void>;
}

/** The built CLI in its own process (live clock, as users start it) and Chromium on its console. */
export async function openConsole(args: string[] = []): Promise<ConsoleSession> {
  const server = await startCliServer(args);
  const browser = await openBrowser(server.url);
  const { page } = browser;
  await page.goto(`${server.url}/__mock/`);
  await page.waitForSelector('[data-fact="seed"]');
  const admin = async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/__mock${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  return {
    server,
    browser,
    page,
    async tab(name) {
      await page.click(`[data-tab="${name}"]`);
      await page.waitForSelector(`[data-panel="${name}"]:not([hidden])`);
    },
    admin,
    journal: async (query = '') => (await admin<{ requests: JournalEntry[] }>('GET', `/requests${query}`)).body.requests,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Waits until `read` gives a value `done` accepts, polling every 100 ms, at most `ms`. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
