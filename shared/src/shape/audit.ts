import * as Y from 'yjs';
import { treatyFragment } from '../ydoc.ts';
import { ROOT_KINDS, ROOT_NODE } from './layout.ts';
import { DEFAULT_SHAPE_LIMITS, type ShapeLimits, type ShapeProblem } from './problem.ts';
import { childrenProblem, contentKind, elementDeepProblem, textProblem } from './structure.ts';
import { recordDelegation, recordProblem } from './values.ts';

/**
 * The whole-document audit (SH1–SH7): every shape problem `doc` holds, for documents stored before the shape
 * was checked (the room logs and audits them when it loads one). Reads only; never changes `doc`.
 */
export function documentShapeProblems(
  doc: Y.Doc,
  limits: ShapeLimits = DEFAULT_SHAPE_LIMITS,
): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const add = (problem: ShapeProblem | null) => {
    if (problem) problems.push(problem);
  };
  for (const [name, type] of doc.share) {
    const kind = ROOT_KINDS.get(name);
    if (!kind) {
      // What a repair removed (SH10) stays as deleted items: only what is alive counts.
      if ([...type._map.values()].some((item) => !item.deleted) || hasLiveItem(type))
        add({ rule: 'SH1', message: `"${name.slice(0, 40)}" is not a top-level type of a treaty document` });
      continue;
    }
    if (kind === 'fragment' && [...type._map.values()].some((item) => !item.deleted))
      add({ rule: 'SH1', message: 'the treaty fragment holds keyed values' });
    if (kind === 'records') {
      for (let item = type._start; item !== null; item = item.right) {
        if (!item.deleted) {
          add({ rule: 'SH1', message: `"${name}" holds a list item (${contentKind(item.content)})` });
          break;
        }
      }
    }
  }
  const fragment = treatyFragment(doc);
  const top = childrenProblem(fragment, ROOT_NODE);
  add(top);
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlElement) add(elementDeepProblem(child));
    else if (child instanceof Y.XmlText) add(textProblem(child, null));
  }
  const perDelegation = new Map<string, number>();
  for (const [name, kind] of ROOT_KINDS) {
    const type = doc.share.get(name);
    if (kind !== 'records' || !type) continue;
    // Read the entries from the root itself: a hostile update may have typed the root otherwise (SH1 above).
    for (const [key, item] of type._map) {
      if (item.deleted) continue;
      const values = item.content.getContent();
      const value: unknown = values[values.length - 1];
      add(recordProblem(name, key, value, limits));
      const delegation = name === 'positions' ? null : recordDelegation(value);
      if (delegation !== null) perDelegation.set(delegation, (perDelegation.get(delegation) ?? 0) + 1);
    }
  }
  for (const [delegation, count] of perDelegation) {
    if (count > limits.maxRecordsPerDelegation)
      add({
        rule: 'SH7',
        message: `${delegation} has ${count} records, more than ${limits.maxRecordsPerDelegation}`,
      });
  }
  const size = Y.encodeStateAsUpdate(doc).length;
  if (size > limits.maxDocumentBytes)
    add({
      rule: 'SH7',
      message: `the document's ${size} bytes exceed the bound of ${limits.maxDocumentBytes}`,
    });
  return problems;
}

// biome-ignore lint/suspicious/noExplicitAny: any shared type.
function hasLiveItem(type: Y.AbstractType<any>): boolean {
  for (let item = type._start; item !== null; item = item.right) if (!item.deleted) return true;
  return false;
}
