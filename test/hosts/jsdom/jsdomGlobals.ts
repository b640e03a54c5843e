/**
 * jsdom's window, document and navigator, typed by the few members these tests touch. The
 * project's TypeScript has no DOM lib (it is typed against Node's fetch; see
 * src/hosts/jsdom/jsdomTypesLeftOut.d.ts), so the tests name what they use here.
 */
export interface TestElement {
  textContent: string | null;
  innerHTML: string;
  readonly dataset: Record<string, string | undefined>;
  setAttribute(name: string, value: string): void;
  append(...children: TestElement[]): void;
  replaceChildren(...children: TestElement[]): void;
  addEventListener(type: string, listener: () => void, options?: { signal?: AbortSignal }): void;
  click(): void;
}

export interface TestDocument {
  readonly body: TestElement;
  createElement(tag: string): TestElement;
  querySelector(selector: string): TestElement | null;
  querySelectorAll(selector: string): Iterable<TestElement>;
}

interface JsdomGlobals {
  window: { document: TestDocument };
  document: TestDocument;
  navigator: { userAgent: string };
}

/** Read when called: the environment installs them before a test file runs. */
export function jsdomGlobals(): JsdomGlobals {
  return globalThis as unknown as JsdomGlobals;
}
