import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bracketLayoutProblem } from './rules.ts';
import { bracketKey } from './ytext.ts';

/** A Y.XmlText in its own document, built from runs of text and the bracket ids each carries. */
function textOf(runs: readonly [insert: string | 'embed', brackets: readonly string[]][]): Y.XmlText {
  const doc = new Y.Doc();
  const text = new Y.XmlText();
  doc.getXmlFragment('t').insert(0, [text]);
  let index = 0;
  for (const [insert, ids] of runs) {
    const attributes = Object.fromEntries(ids.map((id) => [bracketKey(id, null), { id, group: null }]));
    if (insert === 'embed') {
      text.insertEmbed(index, { image: 'seal' }, attributes);
      index += 1;
    } else {
      text.insert(index, insert, attributes);
      index += insert.length;
    }
  }
  return text;
}

describe('BR3: the layout of the brackets of one text', () => {
  it('accepts a text without brackets, nested brackets and brackets side by side', () => {
    expect(bracketLayoutProblem(textOf([['plain text', []]]))).toBeNull();
    expect(
      bracketLayoutProblem(
        textOf([
          ['a ', []],
          ['outer ', ['b1']],
          ['inner', ['b1', 'b2']],
          [' outer', ['b1']],
          [' b ', []],
          ['next', ['b3']],
        ]),
      ),
    ).toBeNull();
  });

  it('refuses brackets that cross', () => {
    const text = textOf([
      ['one ', ['b1']],
      ['both', ['b1', 'b2']],
      [' two', ['b2']],
    ]);
    expect(bracketLayoutProblem(text)).toBe('brackets may nest but never cross');
  });

  it('refuses a fresh bracket in two runs, not an older one come apart', () => {
    const text = textOf([
      ['left', ['b1']],
      [' gap ', []],
      ['right', ['b1']],
    ]);
    expect(bracketLayoutProblem(text)).toBe('a bracket must cover one unbroken run of text');
    expect(bracketLayoutProblem(text, (id) => id !== 'b1')).toBeNull();
  });

  it('counts embeds and characters outside the basic plane as text of the run', () => {
    expect(
      bracketLayoutProblem(
        textOf([
          ['\u{1F30D} earth ', ['b1']],
          ['embed', ['b1']],
          [' \u{1F30F}', ['b1']],
        ]),
      ),
    ).toBeNull();
    expect(
      bracketLayoutProblem(
        textOf([
          ['\u{1F30D}', ['b1']],
          ['embed', []],
          ['\u{1F30F}', ['b1']],
        ]),
      ),
    ).toBe('a bracket must cover one unbroken run of text');
  });

  it('counts a bracket stored under two keys of one run once', () => {
    const doc = new Y.Doc();
    const text = new Y.XmlText();
    doc.getXmlFragment('t').insert(0, [text]);
    text.insert(0, 'abc', {
      [bracketKey('b1', null)]: { id: 'b1', group: null },
      [bracketKey('b1', 'g')]: { id: 'b1', group: 'g' },
    });
    text.insert(3, 'def', { [bracketKey('b1', null)]: { id: 'b1', group: null } });
    expect(bracketLayoutProblem(text)).toBeNull();
  });
});
