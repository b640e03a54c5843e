/** A tab of the console: main.ts mounts it once and tells it when it is shown and hidden. */
export interface Tab {
  /** Called each time the tab is shown (refresh its data). */
  activate(): void;
  deactivate?(): void;
}
