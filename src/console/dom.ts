/** A tiny element builder: the console needs no UI framework for a handful of tables. */
type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | EventListener | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function show(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** A status code as a coloured badge: 2xx green, 4xx amber, 5xx red, no response grey. */
export function statusBadge(status: number | null): HTMLElement {
  const kind = status === null ? 'none' : status < 300 ? 'ok' : status < 500 ? 'warn' : 'bad';
  return h('span', { class: `badge status-${kind}`, 'data-status': status ?? 'none' }, status ?? 'no response');
}

export function jsonBlock(value: unknown): HTMLElement {
  return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}

/** A message shown where the action happened, replacing the previous one. */
export function notice(box: Element, kind: 'error' | 'ok' | 'info', text: string): void {
  show(box, h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text));
}

export function timeOfDay(iso: string): string {
  return iso.slice(11, 23);
}
