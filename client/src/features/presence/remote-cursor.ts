import type { DecorationAttrs } from 'prosemirror-view';
import { cursorLabel, parseRoomUser, selectionTint } from './room-user.ts';

const ANONYMOUS = { name: 'Someone', delegationId: '—', color: '#5a5a5a' };

/**
 * `cursorBuilder` for yCursorPlugin: a caret in the delegation colour with a "Name · Delegation" label.
 * Text goes in through textContent, never as HTML, because the awareness state is untrusted.
 */
export function buildRemoteCursor(rawUser: unknown): HTMLElement {
  const user = parseRoomUser(rawUser) ?? ANONYMOUS;
  const caret = document.createElement('span');
  caret.className = 'ProseMirror-yjs-cursor';
  caret.style.borderColor = user.color;
  const label = document.createElement('span');
  label.className = 'ProseMirror-yjs-cursor-label';
  label.style.backgroundColor = user.color;
  label.textContent = cursorLabel(user);
  // Word joiners keep the caret glued to the surrounding text, as y-prosemirror's default builder does.
  caret.append('\u2060', label, '\u2060');
  return caret;
}

/** `selectionBuilder` for yCursorPlugin: the remote selection tinted with the delegation colour. */
export function buildRemoteSelection(rawUser: unknown): DecorationAttrs {
  const user = parseRoomUser(rawUser) ?? ANONYMOUS;
  return { style: `background-color: ${selectionTint(user.color)}`, class: 'ProseMirror-yjs-selection' };
}
