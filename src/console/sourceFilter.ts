import type { JournalEntry, RequestSource } from '../shared/journalEntry.js';
import { h } from './dom.js';

/** Who sent a request, as a table cell shows it: a badge for the console, else key and origin. */
export function describeSource(source: RequestSource | undefined): HTMLElement {
  if (!source) return h('span', { class: 'muted' }, '—');
  if (source.kind === 'console') return h('span', { class: 'badge source-console', 'data-source': 'console' }, 'console');
  return h('span', { class: 'mono', 'data-source': 'app' },
    source.key ?? h('span', { class: 'muted' }, 'no key'),
    source.origin && h('div', { class: 'rule-match' }, source.origin));
}

/**
 * The journal's "sent by" filter: everyone, apps only, the console only, or one key or one
 * origin among those seen so far (the journal API takes the same as ?source=, ?key=, ?origin=).
 */
export function sourceFilter(onChange: () => void) {
  const select = h('select', { 'aria-label': 'sent by', name: 'source' },
    h('option', { value: '' }, 'all senders'),
    h('option', { value: 'app' }, 'apps (not the console)'),
    h('option', { value: 'console' }, 'the console'));
  select.addEventListener('change', onChange);
  const known = new Set<string>();
  const offer = (value: string, label: string) => {
    if (known.has(value)) return;
    known.add(value);
    select.append(h('option', { value }, label));
  };
  return {
    element: h('label', { class: 'field' }, 'Sent by', select),
    /** Offers the keys and origins of these entries as choices. */
    learn(entries: readonly JournalEntry[]) {
      for (const { source } of entries) {
        if (source?.kind !== 'app') continue;
        if (source.key) offer(`key:${source.key}`, `key ${source.key}`);
        if (source.origin) offer(`origin:${source.origin}`, `origin ${source.origin}`);
      }
    },
    matches({ source }: JournalEntry): boolean {
      const wanted = select.value;
      if (wanted === '') return true;
      if (wanted === 'console' || wanted === 'app') return source?.kind === wanted;
      if (source?.kind !== 'app') return false;
      return wanted.startsWith('key:') ? source.key === wanted.slice(4) : source.origin === wanted.slice(7);
    },
  };
}
