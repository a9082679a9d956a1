import type * as Y from 'yjs';
import { treatyFromYDoc } from '../convert.ts';
import { readProposals } from '../proposals/model.ts';
import { agreementBlocker, splitPackages, statusBlocks } from './change.ts';
import { statusOf } from './model.ts';

/**
 * SS4, SS5 on the server: after the chair changed the status or package of the paragraphs `touched`, no package
 * may be split and no paragraph just agreed may hold a bracket or an open proposal. Returns the violation.
 */
export function convertedPackagesProblem(
  ydoc: Y.Doc,
  touched: ReadonlySet<Y.XmlElement>,
): { rule: string; message: string } | null {
  const doc = treatyFromYDoc(ydoc);
  const split = splitPackages(doc);
  if (split.length > 0) return { rule: 'SS5', message: `package ${split[0]} must change status as a whole` };
  const ids = new Set([...touched].map((element) => element.getAttribute('id')).filter(Boolean));
  const records = readProposals(ydoc);
  const isOpen = (id: string) => records.get(id)?.status === 'open';
  for (const block of statusBlocks(doc)) {
    if (!ids.has(block.node.attrs.id) || statusOf(block.node) === 'open') continue;
    const blocker = agreementBlocker(block.node, isOpen);
    if (blocker)
      return { rule: 'SS4', message: `a paragraph with ${blocker.replace('-', ' ')} cannot be agreed` };
  }
  return null;
}
