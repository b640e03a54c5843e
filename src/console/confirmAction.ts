import { h, show } from './dom.js';

export interface ConfirmOptions {
  /** The button's label, e.g. "Reset jobs…". */
  label: string;
  /** What will happen, asked before it does. */
  question: string;
  /** Names the button and its confirmation for tests and styles: `data-reset="<name>"`. */
  name: string;
  action: () => Promise<void>;
}

/**
 * A button whose action waits for a second click: it asks its question in place, with Confirm
 * and Cancel, instead of a browser dialog that blocks the page (and every test driving it).
 */
export function confirmAction({ label, question, name, action }: ConfirmOptions): HTMLElement {
  const box = h('span', { class: 'confirm', 'data-confirm-box': name });
  const idle = () => show(box, h('button', { class: 'danger', 'data-reset': name, onclick: ask }, label));
  function ask(): void {
    show(box,
      h('span', { class: 'confirm-question', role: 'alert' }, question), ' ',
      h('button', { class: 'danger primary', 'data-confirm': name, onclick: () => void action().finally(idle) }, 'Confirm'), ' ',
      h('button', { 'data-cancel': name, onclick: idle }, 'Cancel'));
    box.querySelector<HTMLElement>('[data-cancel]')?.focus();
  }
  idle();
  return box;
}
