import { admin, describe } from './apiClient.js';
import { h, jsonBlock, notice, show, statusBadge, timeOfDay } from './dom.js';
import { followJournal, type JournalEntry } from './journalFeed.js';
import { describeSource, sourceFilter } from './sourceFilter.js';
import type { Tab } from './Tab.js';

interface EntryView {
  entry: JournalEntry;
  request: { headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown } | null;
  violation: { problems: string[]; sent: string } | null;
}

/** The rows the table shows at most; the server's journal keeps its own (larger) window. */
const MAX_ROWS = 500;

/** Requests as they happen (server-sent events); a click shows the request and the response. */
export function mountJournal(panel: HTMLElement): Tab {
  const live = h('span', { class: 'live', 'data-state': 'connecting' }, 'connecting…');
  const filter = h('input', { type: 'search', placeholder: 'filter by URL, status or fault', 'aria-label': 'filter' });
  const senders = sourceFilter(() => render());
  const rows = h('tbody');
  const table = h('table', { 'data-table': 'journal' },
    h('thead', {}, h('tr', {}, h('th', {}, 'time'), h('th', {}, 'request'), h('th', {}, 'status'), h('th', {}, 'fault'), h('th', {}, 'contract'), h('th', { class: 'num' }, 'ms'), h('th', {}, 'sent by'))),
    rows);
  const empty = h('div', { class: 'empty', 'data-empty': 'journal' },
    'No requests yet. They appear here as your app makes them, e.g. ',
    h('code', {}, `curl -H 'Authorization: Bearer sk-bf-demo' '${location.origin}/v1/videos?provider=openai'`));
  const detail = h('div', { class: 'card', 'data-detail': 'journal' }, h('div', { class: 'empty' }, 'Click a request to see what was sent and answered.'));
  show(
    panel,
    h('div', { class: 'columns wide-left' },
      h('div', { class: 'card' }, h('div', { class: 'toolbar' }, h('h2', { style: 'margin:0' }, 'Journal'), live, h('span', { class: 'spacer' }), senders.element, filter), h('div', { class: 'scroll-x' }, table), empty),
      detail,
    ),
  );

  let entries: JournalEntry[] = [];
  let selected: number | undefined;
  const matches = (entry: JournalEntry) => {
    if (!senders.matches(entry)) return false;
    const q = filter.value.trim().toLowerCase();
    return q === '' || `${entry.method} ${entry.url} ${entry.status ?? ''} ${entry.fault ?? ''}`.toLowerCase().includes(q);
  };
  const row = (entry: JournalEntry) =>
    h('tr', { class: `clickable${entry.id === selected ? ' selected' : ''}`, 'data-id': entry.id, onclick: () => void open(entry.id) },
      h('td', { class: 'mono' }, timeOfDay(entry.time)),
      h('td', { class: 'url mono', title: `${entry.method} ${entry.url}` }, h('strong', {}, entry.method), ' ', entry.url),
      h('td', {}, statusBadge(entry.status)),
      h('td', {}, entry.fault ? h('code', {}, entry.fault) : h('span', { class: 'muted' }, '—')),
      h('td', { class: `verdict-${entry.validation}` }, entry.validation === 'none' ? '—' : entry.validation),
      h('td', { class: 'num' }, entry.durationMs),
      h('td', { class: 'source' }, describeSource(entry.source)));
  const render = () => {
    const shown = entries.filter(matches).slice(-MAX_ROWS).reverse();
    show(rows, ...shown.map(row));
    table.hidden = shown.length === 0;
    empty.hidden = shown.length > 0;
  };
  filter.addEventListener('input', render);

  const open = async (id: number) => {
    selected = id;
    render();
    try {
      const view = await admin<EntryView>(`requests/${id}`);
      show(detail, ...renderDetail(view));
    } catch (error) {
      show(detail, h('h2', {}, `Request #${id}`));
      notice(detail.appendChild(h('div')), 'error', describe(error));
    }
  };

  let stop: (() => void) | undefined;
  return {
    activate() {
      stop ??= followJournal((event) => {
        if (event.kind === 'state') {
          live.dataset['state'] = event.state;
          live.textContent = event.state === 'live' ? 'live' : event.state === 'connecting' ? 'connecting…' : `disconnected (${event.reason ?? ''}), retrying`;
          return;
        }
        if (event.kind === 'snapshot') entries = event.requests;
        else if (event.kind === 'clear') entries = [];
        else entries = [...entries.slice(-(MAX_ROWS * 2)), event.entry];
        senders.learn(event.kind === 'entry' ? [event.entry] : entries);
        render();
      });
    },
  };
}

function renderDetail({ entry, request, response, violation }: EntryView): Node[] {
  return [
    h('h2', {}, `${entry.method} ${entry.url}`),
    h('dl', { class: 'facts' },
      h('dt', {}, 'status'), h('dd', {}, statusBadge(entry.status)),
      h('dt', {}, 'time'), h('dd', {}, entry.time),
      h('dt', {}, 'duration'), h('dd', {}, `${entry.durationMs} ms`),
      h('dt', {}, 'fault'), h('dd', {}, entry.fault ?? '—'),
      h('dt', {}, 'sent by'), h('dd', {}, describeSource(entry.source)),
      h('dt', {}, 'contract'), h('dd', { class: `verdict-${entry.validation}` }, entry.validation)),
    violation && h('div', { class: 'notice notice-error', 'data-violation': '' },
      h('strong', {}, `Contract violation: the client got ${violation.sent} instead of this body.`),
      h('ul', { class: 'problems' }, ...violation.problems.map((p) => h('li', { class: 'mono' }, p)))),
    h('h2', { style: 'margin-top:16px' }, 'Request headers'),
    jsonBlock(request.headers),
    request.body !== null && h('h2', { style: 'margin-top:16px' }, 'Request body'),
    request.body !== null && jsonBlock(request.body),
    h('h2', { style: 'margin-top:16px' }, 'Response body'),
    response ? jsonBlock(response.body) : h('div', { class: 'empty' }, entry.status === null ? 'No response: the connection was reset, closed or left hanging by a fault.' : 'The body is no longer kept.'),
  ].filter((node): node is HTMLElement => node instanceof Node);
}
