import type { Node, NodeType } from 'prosemirror-model';
import * as Y from 'yjs';
import { bracketsMap, newBracketRecord } from '../brackets/model.ts';
import { bracketKey } from '../brackets/ytext.ts';
import { treatyToYDoc } from '../convert.ts';
import type { DelegationId } from '../ids.ts';
import { chairEditsMap } from '../proposals/chair-edits.ts';
import { createProposal, positionKey, positionsMap, proposalsMap } from '../proposals/model.ts';
import { treatySchema } from '../schema.ts';
import { treatyFragment } from '../ydoc.ts';

/**
 * Test support for the shape rules (SH): a document that uses every node, mark and attribute of the schema, and
 * mutations that make a schema-invalid but valid-Yjs update out of it, generated from the schema where they can
 * be (a child its parent's content expression refuses, a block in a wrong place, an attribute a node does not
 * declare...). Used by the shape property tests and by the server's integration and reliability tests.
 */

const { nodes, marks } = treatySchema;
const PROPOSAL = 'pabcdefghijk';
const OTHER_PROPOSAL = 'pbcdefghijkl';
const BRACKET = 'babcdefghijk';
const GROUP = 'bbcdefghijkl';

/** A treaty using every node type, mark and attribute of the schema (with a non-null value each). */
export function fullTreaty(): Node {
  const text = (value: string, ...on: ReturnType<typeof marks.insertion.create>[]) =>
    treatySchema.text(value, on);
  const body = (value: string) =>
    nodes.body.create(null, [
      text(value),
      text(' added', marks.insertion.create({ proposal: PROPOSAL })),
      text(' struck', marks.deletion.create({ proposal: OTHER_PROPOSAL })),
      text(' bracketed', marks.bracket.create({ id: BRACKET, group: null })),
      text(' option', marks.bracket.create({ id: GROUP, group: BRACKET })),
    ]);
  const all = { inserted: PROPOSAL, deleted: OTHER_PROPOSAL, bracket: BRACKET, bracketGroup: GROUP };
  return nodes.doc.create(null, [
    nodes.title.create(null, text('Draft convention')),
    nodes.preamble.create(null, [
      nodes.preamble_opening.create(null, text('The States Parties to this Convention,')),
      nodes.preambular_paragraph.create({ id: 'pp1aaaaaaa', ...all }, text('Recalling')),
      nodes.preambular_paragraph.create(
        { id: 'pp2aaaaaaa', status: 'informals', pending: 'USA RUS', package: 'P1' },
        text('Noting'),
      ),
      nodes.preamble_closing.create(null, text('Have agreed as follows:')),
    ]),
    nodes.division.create({ id: 'pt1aaaaaaa', level: 'part' }, [
      nodes.division_heading.create(null, text('Substantive law')),
      nodes.chapter.create({ id: 'ch1aaaaaaa', ...all }, [
        nodes.chapter_heading.create(null, text('General provisions')),
        nodes.article.create({ id: 'ar1aaaaaaa', ...all }, [
          nodes.article_heading.create(null, text('Scope')),
          nodes.paragraph.create(
            { id: 'pa1aaaaaaa', ...all, status: 'adref', pending: 'CHN', package: 'P2' },
            [
              body('This Convention applies'),
              nodes.subparagraph.create({ id: 'su1aaaaaaa', ...all }, [
                body('to cooperation'),
                nodes.clause.create({ id: 'cl1aaaaaaa', ...all }, body('and assistance')),
              ]),
            ],
          ),
          nodes.paragraph.create({ id: 'pa2aaaaaaa' }, body('Nothing affects sovereignty.')),
        ]),
        nodes.division.create({ id: 'ti1aaaaaaa', level: 'title', ...all }, [
          nodes.division_heading.create(null, text('Offences')),
          nodes.article.create({ id: 'ar2aaaaaaa', label: '1bis' }, [
            nodes.article_heading.create(null, text('Access')),
          ]),
        ]),
      ]),
    ]),
  ]);
}

export const CHAIR_EDIT = 'caaaaaaaaaaa';

/** `fullTreaty()` as a Y.Doc with a record of every kind (proposals, positions, brackets, chair edits). */
export function fullTreatyYDoc(): Y.Doc {
  const doc = treatyToYDoc(fullTreaty());
  const author = { delegation: 'RUS' as DelegationId, personId: 'anna', personName: 'Anna' };
  createProposal(doc, author, 'a note', PROPOSAL);
  createProposal(doc, { ...author, delegation: 'USA' as DelegationId }, '', OTHER_PROPOSAL);
  positionsMap(doc).set(positionKey(PROPOSAL, 'USA' as DelegationId), {
    stance: 'support',
    personId: 'john',
    at: new Date(0).toISOString(),
  });
  for (const [id, group] of [
    [BRACKET, null],
    [GROUP, BRACKET],
  ] as const)
    bracketsMap(doc).set(id, newBracketRecord(author, { id, group, reason: 'why' }));
  chairEditsMap(doc).set(CHAIR_EDIT, {
    id: CHAIR_EDIT,
    personId: 'chair',
    personName: 'Chair',
    at: new Date(0).toISOString(),
    block: 'pa2aaaaaaa',
    offset: 0,
    inserted: 'Nothing',
    removed: 'No provision',
    marked: true,
    undone: null,
  });
  return doc;
}

/** Every Y.XmlElement of the treaty, in document order. */
export function elementsOf(doc: Y.Doc): Y.XmlElement[] {
  return [...treatyFragment(doc).createTreeWalker((type) => type instanceof Y.XmlElement)] as Y.XmlElement[];
}

/** Every Y.XmlText of the treaty whose block takes marks. */
function textsOf(doc: Y.Doc): Y.XmlText[] {
  return [...treatyFragment(doc).createTreeWalker((type) => type instanceof Y.XmlText)].filter(
    (text) => (text.parent as Y.XmlElement).nodeName !== 'title',
  ) as Y.XmlText[];
}

/** A Yjs element holding `node` (complete: every required child), as y-prosemirror writes one. */
export function yElementOf(node: Node): Y.XmlElement {
  const element = new Y.XmlElement(node.type.name);
  for (const [key, value] of Object.entries(node.attrs)) if (value !== null) element.setAttribute(key, value);
  if (node.isTextblock) {
    const text = new Y.XmlText();
    text.insert(0, node.textContent);
    element.insert(0, [text]);
  } else {
    const children: Y.XmlElement[] = [];
    node.forEach((child) => {
      children.push(yElementOf(child));
    });
    element.insert(0, children);
  }
  return element;
}

const blockTypes = Object.values(nodes).filter((type) => !type.isText && type !== treatySchema.topNodeType);

/** A complete node of `type` (every required child filled). */
const filled = (type: NodeType): Node => type.createAndFill()!;

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!;

/** The node types a parent's content expression refuses after its current children. */
function refusedAfter(parent: Y.XmlElement | Y.XmlFragment, type: NodeType): NodeType[] {
  if (type.inlineContent) return blockTypes;
  let match = type.contentMatch;
  for (const child of parent.toArray()) {
    const next = match.matchType(nodes[(child as Y.XmlElement).nodeName]!);
    if (!next) return blockTypes;
    match = next;
  }
  return blockTypes.filter((candidate) => !match.matchType(candidate));
}

/**
 * The state of `fullTreatyYDoc()` with `mutation` applied by a client, as a store that took it would hold it
 * (loaded into a fresh Y.Doc whose roots nobody has typed yet).
 */
export function mutatedState(mutation: ShapeMutation, n: number): Uint8Array {
  const source = fullTreatyYDoc();
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(source));
  client.transact(() => mutation.apply(client, n));
  return Y.mergeUpdates([
    Y.encodeStateAsUpdate(source),
    Y.encodeStateAsUpdate(client, Y.encodeStateVector(source)),
  ]);
}

/** A mutation: a name and a write into a client's replica of the document that the shape rules refuse. */
export interface ShapeMutation {
  readonly name: string;
  /** The SPEC rules one of which the refusal must cite. */
  readonly rules: readonly string[];
  readonly apply: (doc: Y.Doc, n: number) => void;
}

const typeOf = (element: Y.XmlElement) => nodes[element.nodeName]!;

/** Schema-invalid writes, each a valid Yjs update. `n` picks among the places and values. */
export const SHAPE_MUTATIONS: readonly ShapeMutation[] = [
  {
    name: 'wrong child (a type the content expression refuses, appended)',
    rules: ['SH3'],
    apply: (doc, n) => {
      const element = pick(
        elementsOf(doc).filter((e) => !typeOf(e).inlineContent),
        n,
      );
      const type = pick(refusedAfter(element, typeOf(element)), n >> 3);
      element.insert(element.length, [yElementOf(filled(type))]);
    },
  },
  {
    name: 'wrong place (a block before its parent’s first child)',
    rules: ['SH3'],
    apply: (doc, n) => {
      const candidates = elementsOf(doc).filter((e) => {
        if (typeOf(e).inlineContent || e.length < 2) return false;
        return (e.get(0) as Y.XmlElement).nodeName !== (e.get(1) as Y.XmlElement).nodeName;
      });
      const element = pick(candidates, n);
      element.insert(0, [yElementOf(filled(typeOf(element.get(1) as Y.XmlElement)))]);
    },
  },
  {
    name: 'element at the root in a wrong place (a second title)',
    rules: ['SH3'],
    apply: (doc, n) => {
      const fragment = treatyFragment(doc);
      fragment.insert(1 + (n % (fragment.length - 1)), [yElementOf(filled(nodes.title))]);
    },
  },
  {
    name: 'an empty body appended to an article',
    rules: ['SH3'],
    apply: (doc, n) => {
      const article = pick(
        elementsOf(doc).filter((e) => e.nodeName === 'article'),
        n,
      );
      article.insert(article.length, [new Y.XmlElement('body')]);
    },
  },
  {
    name: 'a required child removed',
    rules: ['SH3'],
    apply: (doc, n) => {
      const element = pick(
        elementsOf(doc).filter(
          (e) => !typeOf(e).inlineContent && e.length > 0 && !typeOf(e).contentMatch.validEnd,
        ),
        n,
      );
      element.delete(0, 1);
    },
  },
  {
    name: 'an element the schema does not have',
    rules: ['SH2'],
    apply: (doc, n) => {
      const element = pick(elementsOf(doc), n);
      element.insert(0, [new Y.XmlElement(pick(['script', 'doc', 'text', 'div', 'img'], n >> 2))]);
    },
  },
  {
    name: 'an element inside a text block',
    rules: ['SH2', 'SH3'],
    apply: (doc, n) => {
      const element = pick(
        elementsOf(doc).filter((e) => typeOf(e).inlineContent),
        n,
      );
      element.insert(0, [yElementOf(filled(pick(blockTypes, n >> 3)))]);
    },
  },
  {
    name: 'text outside a text block',
    rules: ['SH3'],
    apply: (doc, n) => {
      const element = pick(
        elementsOf(doc).filter((e) => !typeOf(e).inlineContent),
        n,
      );
      element.insert(0, [new Y.XmlText('loose')]);
    },
  },
  {
    name: 'a JSON value in an element',
    rules: ['SH3'],
    apply: (doc, n) => {
      const element = pick(elementsOf(doc), n);
      // Yjs's list insert takes any JSON value, though an element's typings say otherwise.
      element.insert(0, [pick([{ evil: true }, 'text', 42, [1]], n >> 2)] as never);
    },
  },
  {
    name: 'a nested map in an element',
    rules: ['SH2'],
    apply: (doc, n) => {
      pick(elementsOf(doc), n).insert(0, [new Y.Map() as never]);
    },
  },
  {
    name: 'an attribute the node does not declare',
    rules: ['SH4'],
    apply: (doc, n) => {
      const element = pick(elementsOf(doc), n);
      element.setAttribute(pick(['onclick', 'style', 'number', 'ychange', 'proposal'], n >> 3), 'x');
    },
  },
  {
    name: 'an invalid value of a declared attribute',
    rules: ['SH4'],
    apply: (doc, n) => {
      const element = pick(
        elementsOf(doc).filter((e) => Object.keys(typeOf(e).spec.attrs ?? {}).length > 0),
        n,
      );
      const key = pick(Object.keys(typeOf(element).spec.attrs!), n >> 3);
      const value = pick(
        [
          'not valid at all {}',
          'x'.repeat(5000),
          42,
          { nested: true },
          true,
          ['a'],
          new Uint8Array([1, 2]),
        ] as unknown[],
        n >> 6,
      );
      element.setAttribute(key, value as string);
    },
  },
  {
    name: 'an attribute on text',
    rules: ['SH5'],
    apply: (doc, n) => {
      pick(textsOf(doc), n).setAttribute('style', 'color: red');
    },
  },
  {
    name: 'an embed in text',
    rules: ['SH5'],
    apply: (doc, n) => {
      pick(textsOf(doc), n).insertEmbed(0, { image: 'x' });
    },
  },
  {
    name: 'a formatting the schema does not have',
    rules: ['SH5'],
    apply: (doc, n) => {
      const text = pick(textsOf(doc), n);
      text.format(0, 2, {
        [pick(['bold', 'bracket', 'insertion--abcdefgh', 'link', 'bracket--short'], n >> 3)]: {},
      });
    },
  },
  {
    name: 'a mark with a wrong value',
    rules: ['SH5'],
    apply: (doc, n) => {
      const text = pick(textsOf(doc), n);
      const formats = [
        { insertion: { proposal: 42 } },
        { deletion: { proposal: PROPOSAL, extra: 1 } },
        { insertion: 'p' },
        { [bracketKey(BRACKET, null)]: { id: 'not-an-id', group: null } },
        { [bracketKey(BRACKET, null)]: { id: BRACKET, group: null, owner: 'x' } },
      ];
      text.format(0, 2, pick(formats, n >> 3) as Record<string, unknown>);
    },
  },
  {
    name: 'a mark in the title',
    rules: ['SH5'],
    apply: (doc) => {
      const title = treatyFragment(doc).get(0) as Y.XmlElement;
      (title.get(0) as Y.XmlText).format(0, 2, { insertion: { proposal: PROPOSAL } });
    },
  },
  {
    name: 'an extra top-level type',
    rules: ['SH1'],
    apply: (doc, n) => {
      const which = n % 3;
      if (which === 0) doc.getMap('junk').set('a', 'x'.repeat(100));
      else if (which === 1) doc.getArray('notes').push([1]);
      else doc.getText('treaty2').insert(0, 'x');
    },
  },
  {
    name: 'a list item in a map of records',
    rules: ['SH1'],
    apply: (doc, n) => {
      // The client's replica has not typed its roots yet; a hostile client types them as it likes.
      doc.getArray(pick(['proposals', 'positions', 'brackets', 'chairEdits'], n)).push([{ id: PROPOSAL }]);
    },
  },
  {
    name: 'a keyed value in the treaty fragment',
    rules: ['SH1'],
    apply: (doc) => {
      doc.getMap('treaty').set('x', 1);
    },
  },
  {
    name: 'an extra field in a record',
    rules: ['SH6'],
    apply: (doc, n) => {
      const which = n % 5;
      if (which === 3) {
        const record = chairEditsMap(doc).get(CHAIR_EDIT)!;
        chairEditsMap(doc).set(CHAIR_EDIT, { ...record, payload: 'x' } as never);
      } else if (which === 4) {
        const record = chairEditsMap(doc).get(CHAIR_EDIT)!;
        chairEditsMap(doc).set(CHAIR_EDIT, {
          ...record,
          undone: { by: 'c', byName: 'C', at: 'x', why: 1 },
        } as never);
      } else if (which === 0) {
        const record = proposalsMap(doc).get(PROPOSAL)!;
        proposalsMap(doc).set(PROPOSAL, { ...record, payload: 'x' } as never);
      } else if (which === 1) {
        const key = positionKey(PROPOSAL, 'USA' as DelegationId);
        positionsMap(doc).set(key, { ...positionsMap(doc).get(key)!, extra: 1 } as never);
      } else {
        const record = bracketsMap(doc).get(BRACKET)!;
        bracketsMap(doc).set(BRACKET, { ...record, resolution: { ...emptyResolution, hidden: 1 } } as never);
      }
    },
  },
  {
    name: 'a record under another key, or not a record',
    rules: ['SH2', 'SH6'],
    apply: (doc, n) => {
      const which = n % 5;
      if (which === 4) chairEditsMap(doc).set('czzzzzzzzzzz', chairEditsMap(doc).get(CHAIR_EDIT)!);
      else if (which === 0) proposalsMap(doc).set('pzzzzzzzzzzz', proposalsMap(doc).get(PROPOSAL)!);
      else if (which === 1) bracketsMap(doc).set(BRACKET, 'a string' as never);
      else if (which === 2) positionsMap(doc).set('nonsense', positionsMap(doc).values().next().value!);
      else proposalsMap(doc).set(PROPOSAL, new Y.Map() as never);
    },
  },
  {
    name: 'an oversized value',
    rules: ['SH4', 'SH6', 'SH7'],
    apply: (doc, n) => {
      const big = 'x'.repeat(70 * 1024);
      const which = n % 4;
      if (which === 3) {
        const record = chairEditsMap(doc).get(CHAIR_EDIT)!;
        chairEditsMap(doc).set(CHAIR_EDIT, { ...record, inserted: big });
      } else if (which === 0) {
        const record = bracketsMap(doc).get(BRACKET)!;
        bracketsMap(doc).set(BRACKET, { ...record, derivedFrom: { options: [], text: big } });
      } else if (which === 1) {
        const record = proposalsMap(doc).get(PROPOSAL)!;
        proposalsMap(doc).set(PROPOSAL, { ...record, personName: big });
      } else pick(elementsOf(doc), n).setAttribute('package', big);
    },
  },
];

const emptyResolution = { by: 'x', byName: 'x', at: 'x', location: 'x', text: 'x', option: null };
