import type * as Y from 'yjs';

/**
 * Top-level Y.Maps of a session's Y.Doc as one external store (for `useSyncExternalStore` and editor plugins):
 * `read` makes a snapshot, taken again whenever one of the maps changes, locally or from the server, so every
 * reader sees one consistent value.
 */
export class YMapsStore<T> {
  #value: T;
  readonly #listeners = new Set<() => void>();
  readonly #stop: () => void;

  constructor(ydoc: Y.Doc, mapNames: readonly string[], read: (ydoc: Y.Doc) => T) {
    this.#value = read(ydoc);
    const refresh = () => {
      this.#value = read(ydoc);
      for (const listener of this.#listeners) listener();
    };
    const maps = mapNames.map((name) => ydoc.getMap(name));
    for (const map of maps) map.observe(refresh);
    this.#stop = () => {
      for (const map of maps) map.unobserve(refresh);
    };
  }

  get = (): T => this.#value;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  destroy(): void {
    this.#stop();
    this.#listeners.clear();
  }
}
