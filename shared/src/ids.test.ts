import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { ensureNodeIds, isDocumentId, newDocumentId, newNodeId, withNodeIds } from './ids.ts';
import { numberTreaty } from './numbering.ts';
import { build } from './test-support.ts';

const { doc, pp, article, paragraph, sub } = build;
const ids = (d: ReturnType<typeof doc>) => numberTreaty(d).map((b) => b.id);

describe('stable ids', () => {
  it('ID1: fresh node ids are 10 characters of [a-z0-9] and do not repeat', () => {
    const made = Array.from({ length: 2000 }, () => newNodeId());
    expect(made.every((id) => /^[a-z0-9]{10}$/.test(id))).toBe(true);
    expect(new Set(made).size).toBe(made.length);
  });

  it('ID2: after a split copies an id, the first block keeps it and the second gets a fresh one', () => {
    const d = doc('T', [], article('a', 'H', paragraph('p1', 'First half second half')));
    let state = EditorState.create({ doc: d });
    const bodyTextStart = numberTreaty(d).find((b) => b.id === 'p1')!.pos + 2;
    // Split the paragraph (and its body) in the middle, as Enter does: both halves carry id "p1".
    const tr = state.tr.split(bodyTextStart + 'First half'.length, 2);
    state = state.apply(tr);
    expect(ids(state.doc)).toEqual(['a', 'p1', 'p1']);
    const fix = ensureNodeIds(state);
    expect(fix).not.toBeNull();
    state = state.apply(fix!);
    const [, first, second] = ids(state.doc);
    expect(first).toBe('p1');
    expect(second).toMatch(/^[a-z0-9]{10}$/);
    expect(fix!.getMeta('addToHistory')).toBe(false);
    expect(ensureNodeIds(state)).toBeNull();
  });

  it('ID3: blocks without an id get one; blocks with unique ids are left alone', () => {
    const d = doc('T', [pp(null, 'x')], article('a', 'H', paragraph(null, 'x', sub('s', 'y'))));
    const fixed = withNodeIds(d);
    const [ppId, articleId, paragraphId, subId] = ids(fixed);
    expect(ppId).toMatch(/^[a-z0-9]{10}$/);
    expect(articleId).toBe('a');
    expect(paragraphId).toMatch(/^[a-z0-9]{10}$/);
    expect(subId).toBe('s');
    expect(withNodeIds(fixed)).toBe(fixed);
    expect(fixed.textContent).toBe(d.textContent);
  });

  it('ID2: a duplicate anywhere in the document is renamed, not the first occurrence', () => {
    const d = doc(
      'T',
      [],
      article('a', 'H', paragraph('dup', 'x')),
      article('dup', 'H', paragraph('q', 'y')),
    );
    const state = EditorState.create({ doc: d, selection: TextSelection.atStart(d) });
    const next = state.apply(ensureNodeIds(state)!);
    const out = ids(next.doc);
    expect(out[1]).toBe('dup');
    expect(out[2]).not.toBe('dup');
    expect(new Set(out).size).toBe(out.length);
  });

  it('ID4: document ids are 1–64 characters of [A-Za-z0-9_-]', () => {
    expect(isDocumentId(newDocumentId())).toBe(true);
    expect(isDocumentId('demo_1-A')).toBe(true);
    for (const bad of ['', 'a/b', '../etc', 'x'.repeat(65), 'é', 'a b'])
      expect(isDocumentId(bad)).toBe(false);
  });
});
