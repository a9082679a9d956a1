import type * as Y from 'yjs';
import { isCurrentTime, type RecordSigner, stampProblem } from '../record-stamps.ts';
import { newProposalId } from './model.ts';

/**
 * PR14: the chair's direct edits are recorded. Each run of the chair's typing in one block is a record of the
 * `chairEdits` map: who (the chair's person), when, the block and the offset in its text where it happened, the
 * words inserted and removed, whether it is marked in the live text (off for a mechanical fix), and whether it
 * was undone. The live text shows marked edits in the Chair's style while the text still holds them; the list
 * gives each with an Undo that reverts exactly that edit.
 */

export const CHAIR_EDITS_MAP = 'chairEdits';

/** The stamp of an undo: who undid the edit, when (GD5). */
export interface ChairEditUndo {
  readonly by: string;
  readonly byName: string;
  readonly at: string;
}

export interface ChairEdit {
  readonly id: string;
  readonly personId: string;
  readonly personName: string;
  /** When the run started (ISO time). */
  readonly at: string;
  /** The id of the block whose text changed ("title" for the title). */
  readonly block: string;
  /** Where in the block's text (characters from its start). */
  readonly offset: number;
  readonly inserted: string;
  readonly removed: string;
  /** Shown in the live text in the Chair's style; false for a mechanical fix (still recorded and attributed). */
  readonly marked: boolean;
  readonly undone: ChairEditUndo | null;
}

/** The block id the title's edits are recorded under (the title has no id of its own). */
export const TITLE_BLOCK = 'title';

/** A fresh chair edit id: "c" and 11 random characters (the proposal id's randomness). */
export function newChairEditId(): string {
  return `c${newProposalId().slice(1)}`;
}

export function isChairEditId(value: unknown): value is string {
  return typeof value === 'string' && /^c[a-z0-9]{11}$/.test(value);
}

export function chairEditsMap(ydoc: Y.Doc): Y.Map<ChairEdit> {
  return ydoc.getMap<ChairEdit>(CHAIR_EDITS_MAP);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;

/** Most characters of one edit's words: a run of typing, or a pasted passage. */
export const CHAIR_EDIT_MAX_TEXT = 20_000;

function parseUndo(value: unknown): ChairEditUndo | null | undefined {
  if (value === null) return null;
  if (!isObject(value) || !isText(value.by, 64) || !isText(value.byName, 200) || !isText(value.at, 64))
    return undefined;
  return { by: value.by, byName: value.byName, at: value.at };
}

/** A chair edit record, or null when `value` is not one. */
export function parseChairEdit(value: unknown): ChairEdit | null {
  if (!isObject(value)) return null;
  const { id, personId, personName, at, block, offset, inserted, removed, marked } = value;
  const undone = parseUndo(value.undone);
  if (
    !isChairEditId(id) ||
    !isText(personId, 64) ||
    !isText(personName, 200) ||
    !isText(at, 64) ||
    !isText(block, 64) ||
    typeof offset !== 'number' ||
    !Number.isInteger(offset) ||
    offset < 0 ||
    !isText(inserted, CHAIR_EDIT_MAX_TEXT) ||
    !isText(removed, CHAIR_EDIT_MAX_TEXT) ||
    typeof marked !== 'boolean' ||
    undone === undefined
  )
    return null;
  return { id, personId, personName, at, block, offset, inserted, removed, marked, undone };
}

/** The chair's edits of a Y.Doc, oldest first. */
export function readChairEdits(ydoc: Y.Doc): ChairEdit[] {
  const edits: ChairEdit[] = [];
  for (const [id, value] of chairEditsMap(ydoc)) {
    const edit = parseChairEdit(value);
    if (edit && edit.id === id) edits.push(edit);
  }
  return edits.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** Who writes a chair edit record, as the server knows it. */
export interface ChairEditEditor extends RecordSigner {
  readonly role: 'chair' | 'delegate';
}

/**
 * PR14, GD5: what is wrong with a change of the chair edit record `id` (null when nothing): only the chair
 * writes them, under its own person and name, at the time of the edit; a record is never deleted; its author,
 * time and block never change; its words grow while the run goes on (its author's only); an undo (or its
 * redo) is stamped by the chair who makes it, now.
 */
export function chairEditProblem(
  id: string,
  action: 'add' | 'update' | 'delete',
  oldValue: unknown,
  value: unknown,
  editor: ChairEditEditor,
  now: number,
): { rule: 'PR14' | 'GD5'; message: string } | null {
  if (editor.role !== 'chair') return { rule: 'PR14', message: "only the chair's own edits are recorded" };
  if (action === 'delete') return { rule: 'PR14', message: 'chair edit records are never deleted' };
  const edit = parseChairEdit(value);
  if (!edit || edit.id !== id) return { rule: 'PR14', message: 'malformed chair edit record' };
  if (action === 'add') {
    if (edit.personId !== editor.personId || edit.personName !== editor.name)
      return { rule: 'GD5', message: "a chair edit is recorded under the chair's person and name" };
    if (!isCurrentTime(edit.at, now))
      return { rule: 'GD5', message: 'a chair edit is recorded when it is made' };
    if (edit.undone !== null) return { rule: 'PR14', message: 'a new chair edit is not undone' };
    return null;
  }
  const old = parseChairEdit(oldValue);
  if (!old) return { rule: 'PR14', message: 'malformed chair edit record' };
  if (
    old.personId !== edit.personId ||
    old.personName !== edit.personName ||
    old.at !== edit.at ||
    old.block !== edit.block
  )
    return { rule: 'PR14', message: 'the author, time and block of a chair edit never change' };
  const wordsChanged =
    old.offset !== edit.offset ||
    old.inserted !== edit.inserted ||
    old.removed !== edit.removed ||
    old.marked !== edit.marked;
  if (wordsChanged && (old.personId !== editor.personId || old.undone !== null || edit.undone !== null))
    return { rule: 'PR14', message: 'only its author extends a chair edit, and only before it is undone' };
  if (edit.undone !== null && JSON.stringify(old.undone) !== JSON.stringify(edit.undone)) {
    const problem = stampProblem(edit.undone, editor, now);
    if (problem) return { rule: 'GD5', message: problem.replace('decision', 'undo') };
  }
  return null;
}
