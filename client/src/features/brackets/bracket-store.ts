import { BRACKETS_MAP, type BracketRecord, readBrackets } from '@travaux/shared';
import type * as Y from 'yjs';

/** The bracket records of a document at one moment, by id (BR1). */
export type BracketRecords = ReadonlyMap<string, BracketRecord>;

/**
 * The bracket records of a session's Y.Doc as an external store: re-read whenever the map changes (locally or
 * from the server), so React and the bracket decorations see one consistent snapshot.
 */
export class BracketStore {
  #records: BracketRecords;
  readonly #listeners = new Set<() => void>();
  readonly #stop: () => void;

  constructor(ydoc: Y.Doc) {
    this.#records = readBrackets(ydoc);
    const map = ydoc.getMap(BRACKETS_MAP);
    const refresh = () => {
      this.#records = readBrackets(ydoc);
      for (const listener of this.#listeners) listener();
    };
    map.observe(refresh);
    this.#stop = () => map.unobserve(refresh);
  }

  get = (): BracketRecords => this.#records;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  destroy(): void {
    this.#stop();
    this.#listeners.clear();
  }
}
