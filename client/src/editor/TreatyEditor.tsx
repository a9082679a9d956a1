import type { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { useEffect, useRef } from 'react';
import { ySyncPluginKey } from 'y-prosemirror';
import type { DocumentSession } from '../sync/document-session.ts';
import { type BracketWiring, createTreatyEditorState, type ProposalWiring } from './editor-state.ts';

interface TreatyEditorProps {
  readonly session: DocumentSession;
  /** False for observers: the text can be read, selected and copied, never changed. */
  readonly editable: boolean;
  /** Proposal mode and decorations; read when the view is created. */
  readonly proposals: ProposalWiring;
  /** Brackets, their keys and dialogs, and status refusals; read when the view is created. */
  readonly brackets: BracketWiring;
  /** Called with the view once it exists, and with null when it is destroyed. */
  readonly onView: (view: EditorView | null) => void;
  /** Called after every state change; `remote` is true for a change that came from another peer. */
  readonly onState: (state: EditorState, remote: boolean) => void;
}

/** The ProseMirror view of a session's treaty, mounted into a div; destroyed on unmount. */
export function TreatyEditor({ session, editable, proposals, brackets, onView, onState }: TreatyEditorProps) {
  const mount = useRef<HTMLDivElement>(null);
  // Latest callbacks without re-creating the view when the parent re-renders.
  const callbacks = useRef({ onView, onState });
  callbacks.current = { onView, onState };
  const editableRef = useRef(editable);
  editableRef.current = editable;
  const proposalsRef = useRef(proposals);
  proposalsRef.current = proposals;
  const bracketsRef = useRef(brackets);
  bracketsRef.current = brackets;

  useEffect(() => {
    const place = mount.current;
    if (!place) return;
    const view: EditorView = new EditorView(place, {
      state: createTreatyEditorState(
        session.ydoc,
        session.provider.awareness,
        proposalsRef.current,
        bracketsRef.current,
      ),
      attributes: {
        id: 'treaty-text',
        class: 'treaty',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': 'Treaty text',
        'aria-readonly': editable ? 'false' : 'true',
        // A reader's text is not contenteditable: it still takes focus, to be read and to hear why keys do nothing.
        ...(editable ? {} : { tabindex: '0' }),
        spellcheck: 'true',
        lang: 'en',
      },
      editable: () => editableRef.current,
      dispatchTransaction(tr) {
        // y-prosemirror 1.3.7 sends its deferred metas (remote carets) one tick later and checks a
        // `binding.isDestroyed` it never sets: after leaving the room they reached a destroyed view and threw
        // "Cannot read properties of null (reading 'matchesNode')".
        if (view.isDestroyed) return;
        const next = view.state.apply(tr);
        view.updateState(next);
        const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
        callbacks.current.onState(next, meta?.isChangeOrigin === true);
      },
    });
    callbacks.current.onView(view);
    callbacks.current.onState(view.state, false);
    // Opening a document puts one in its text (issue 20), without scrolling past the top of the room.
    view.dom.focus({ preventScroll: true });
    return () => {
      callbacks.current.onView(null);
      view.destroy();
    };
  }, [session, editable]);

  return <div ref={mount} className="treaty-frame" />;
}
