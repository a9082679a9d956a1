import { BRACKETS_MAP, type BracketRecord, readBrackets } from '@travaux/shared';
import type * as Y from 'yjs';
import { YMapsStore } from '../../sync/y-maps-store.ts';

/** The bracket records of a document at one moment, by id (BR1). */
export type BracketRecords = ReadonlyMap<string, BracketRecord>;

/** The bracket records of a session's Y.Doc, re-read whenever they change, locally or from the server. */
export class BracketStore extends YMapsStore<BracketRecords> {
  constructor(ydoc: Y.Doc) {
    super(ydoc, [BRACKETS_MAP], readBrackets);
  }
}
