import { parseTreatyText, readChairEdits, treatySchema } from '@travaux/shared';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type ChairEditRecorder,
  chairEditsKey,
  chairEditsPlugin,
  chairEditUndoKey,
  holds,
} from './chair-edits.ts';

function setup(recorder: ChairEditRecorder | null) {
  const parsed = parseTreatyText(
    'Draft\n\nPreamble\nPP1. Bearing in mind the need,\n\nArticle 1\nScope\n1. This applies.\n',
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  const ydoc = new Y.Doc();
  let state = EditorState.create({
    schema: treatySchema,
    doc: parsed.doc,
    plugins: [chairEditsPlugin(ydoc, () => recorder)],
  });
  const find = (needle: string) => {
    let at = -1;
    state.doc.descendants((node, pos) => {
      if (at < 0 && node.isText && node.text!.includes(needle)) at = pos + node.text!.indexOf(needle);
      return at < 0;
    });
    return at;
  };
  const apply = (tr: ReturnType<EditorState['tr']['setMeta']>) => {
    state = state.apply(tr);
  };
  return { ydoc, state: () => state, find, apply };
}

const CHAIR: ChairEditRecorder = { personId: 'chair1', name: 'Ana Chair', marked: true };

describe("the chair's direct edits in the editor (PR14)", () => {
  it('PR14: a run of typing over a selection is one record, extended by typing and trimmed by erasing', () => {
    const room = setup(CHAIR);
    const at = room.find('Bearing in mind');
    room.apply(room.state().tr.insertText('R', at, at + 'Bearing in mind'.length));
    for (const [index, letter] of [...'ecalling'].entries())
      room.apply(room.state().tr.insertText(letter, at + 1 + index));
    room.apply(room.state().tr.insertText('x', at + 9));
    room.apply(room.state().tr.delete(at + 9, at + 10));
    const edits = readChairEdits(room.ydoc);
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({
      personId: 'chair1',
      personName: 'Ana Chair',
      offset: 0,
      inserted: 'Recalling',
      removed: 'Bearing in mind',
      marked: true,
      undone: null,
    });
    expect(holds(room.state().doc, edits[0]!)).not.toBeNull();
    // Drawn once the records reach the editor.
    room.apply(room.state().tr.setMeta(chairEditsKey, edits));
    const drawn = chairEditsKey.getState(room.state())!.set.find();
    expect(drawn.map((d) => room.state().doc.textBetween(d.from, d.to) || 'widget')).toEqual([
      'widget',
      'Recalling',
    ]);
    // Typing elsewhere starts another record, unmarked when marking is off.
    const other = setup({ ...CHAIR, marked: false });
    const end = other.find('applies') + 'applies'.length;
    other.apply(other.state().tr.insertText(' everywhere', end));
    expect(readChairEdits(other.ydoc).map((e) => [e.inserted, e.marked])).toEqual([[' everywhere', false]]);
    other.apply(other.state().tr.setMeta(chairEditsKey, readChairEdits(other.ydoc)));
    expect(chairEditsKey.getState(other.state())!.set.find()).toEqual([]);
  });

  it('PR14: nothing is recorded for a delegate, in proposal mode, or for the undo of an edit', () => {
    const room = setup(null);
    const end = room.find('applies') + 'applies'.length;
    room.apply(room.state().tr.insertText(' here', end));
    expect(readChairEdits(room.ydoc)).toEqual([]);
    const chair = setup(CHAIR);
    chair.apply(chair.state().tr.insertText(' here', end).setMeta(chairEditUndoKey, true));
    expect(readChairEdits(chair.ydoc)).toEqual([]);
  });
});
