import { type BracketContext, createBracket } from '@travaux/shared';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Principal } from '../../api/session.ts';
import type { DocumentSession } from '../../sync/document-session.ts';
import type { CaretRefusal } from '../refusals/CaretNotice.tsx';
import type { BracketDialog } from './bracket-keymap.ts';
import { type BracketRecords, BracketStore } from './bracket-store.ts';

/** The dialog open in the room: an option, a paragraph alt, or the chair's merge of group `key`. */
export type OpenDialog = { readonly kind: BracketDialog } | { readonly kind: 'merge'; readonly key: string };

const NO_RECORDS: BracketRecords = new Map();
const noSubscription = () => () => {};

/**
 * The brackets of a session for the room: the live records, the context in which this person brackets (BR2:
 * the record is written first, under their person and delegation, the Chair's with none), the open dialog and
 * the last refusal to say at the caret (SS3, PR1–PR3, BR3, AC8).
 */
export function useBrackets(session: DocumentSession | null, principal: Principal, editable: boolean) {
  const store = useMemo(() => (session ? new BracketStore(session.ydoc) : null), [session]);
  useEffect(() => () => store?.destroy(), [store]);
  const records = useSyncExternalStore(store?.subscribe ?? noSubscription, store?.get ?? (() => NO_RECORDS));

  const contextRef = useRef<() => BracketContext | null>(() => null);
  contextRef.current = () => {
    if (!editable || !session) return null;
    const author = {
      delegation: principal.role === 'chair' ? null : principal.delegation,
      personId: principal.personId,
      personName: principal.name,
    };
    return {
      author,
      allocate: (options) => createBracket(session.ydoc, author, options),
    };
  };
  const source = useCallback(() => contextRef.current(), []);

  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [notice, setNotice] = useState<CaretRefusal | null>(null);
  const openDialog = useCallback((kind: BracketDialog) => setDialog({ kind }), []);
  const onRefuse = useCallback(
    (message: string) => setNotice((previous) => ({ message, serial: (previous?.serial ?? 0) + 1 })),
    [],
  );
  // Read by the editor when it is created; later records reach its plugin through a transaction meta.
  const wiring = useMemo(
    () => ({ records, source, openDialog, onRefuse }),
    [records, source, openDialog, onRefuse],
  );
  return { records, source, dialog, setDialog, notice, setNotice, wiring };
}
