import {
  createProposal,
  DEFAULT_SHAPE_LIMITS,
  type DelegationId,
  parseTreatyText,
  treatyFragment,
  treatyToYDoc,
  updateShapeProblem,
  watchShape,
  watchTreatyRules,
} from '@travaux/shared';
import * as Y from 'yjs';
import { admitUpdate } from '../../src/rooms/update-gate.ts';
import { connectAll, sleep, tick, WARM_UP_MS } from './scenarios.ts';
import type { BenchClient, BenchServer } from './servers.ts';

/** The treaty every delegate scenario starts from (Travaux creates it from this text; the others get it written). */
export const DELEGATE_TREATY =
  'Draft convention\n\nArticle 1\nScope\n1. This Convention applies to cooperation between the Parties.\n';

/** The first paragraph body's Y.XmlText of `client`'s treaty (whatever copy of yjs its document comes from). */
function bodyText(client: BenchClient): Y.XmlText | null {
  const walk = (node: Y.XmlElement | Y.XmlFragment): Y.XmlText | null => {
    for (const child of node.toArray()) {
      if (!(child instanceof client.Y.XmlElement)) continue;
      if (child.nodeName === 'body') return child.get(0) as Y.XmlText;
      const found = walk(child);
      if (found) return found;
    }
    return null;
  };
  return walk(client.doc.getXmlFragment('treaty'));
}

function treatyUpdate(): Uint8Array {
  const parsed = parseTreatyText(DELEGATE_TREATY);
  if (!parsed.ok) throw new Error('the delegate scenario’s treaty does not parse');
  return Y.encodeStateAsUpdate(treatyToYDoc(parsed.doc));
}

/**
 * Scenario 5 (issue 16): a delegate writes as fast as it can, every keystroke one character of its own proposal
 * (on Travaux through the proposal rules and the shape check), 50 readers: server CPU per delegate edit and
 * edits/s delivered to all, after a warm-up second. The servers that know no people get the same treaty
 * (written by the delegate's client first) and the same edits, and check nothing.
 */
export async function delegateThroughput(server: BenchServer, readersCount = 50, seconds = 3) {
  const document = await server.newDocument(DELEGATE_TREATY);
  const { client: writer, person } = await server.connectDelegate(document, 'USA');
  await writer.synced();
  if (!bodyText(writer)) writer.Y.applyUpdate(writer.doc, treatyUpdate());
  const readers = await connectAll(server, document, readersCount);
  const deadline = performance.now() + 10_000;
  while (readers.some((reader) => !bodyText(reader)) && performance.now() < deadline) await sleep(20);
  const record = createProposal(writer.doc, {
    delegation: person.delegation as DelegationId,
    personId: person.personId,
    personName: person.name,
  });
  const text = bodyText(writer)!;
  const start = text.length - 1;
  const texts = readers.map((reader) => bodyText(reader)!);
  const base = texts.map((t) => t.length);
  const received = () => texts.map((t, i) => t.length - base[i]!);
  let written = 0;
  const write = async (ms: number) => {
    const begun = performance.now();
    while (performance.now() - begun < ms) {
      text.insert(start + written, 'x', { insertion: { proposal: record.id } });
      written++;
      await tick();
    }
    const until = performance.now() + 10_000;
    while (received().some((r) => r < written) && performance.now() < until) await sleep(20);
  };
  await write(WARM_UP_MS);
  const warmUp = written;
  const deliveredBefore = Math.min(...received());
  const cpuBefore = server.cpuMs();
  const begun = performance.now();
  await write(seconds * 1000);
  const elapsed = (performance.now() - begun) / 1000;
  const cpu = server.cpuMs() - cpuBefore;
  const delivered = Math.min(...received());
  for (const c of [writer, ...readers]) c.destroy();
  return {
    editsPerSecond: (delivered - deliveredBefore) / elapsed,
    cpuMicrosPerEdit: (cpu * 1000) / (written - warmUp),
    lost: written - delivered,
  };
}

/**
 * The validator's own CPU per delegate keystroke, in this process: `edits` one-character updates of a delegate's
 * proposal applied to a room-like document through `admitUpdate`, once with the room's checks (the shape
 * pre-check SH1–SH7, the post-check of what the update touched, the proposal rules) and once with none.
 */
export function validatorCost(edits = 3000): {
  checkedMicros: number;
  bareMicros: number;
  validatorMicros: number;
} {
  const source = new Y.Doc();
  Y.applyUpdate(source, treatyUpdate());
  const author = { delegation: 'USA' as DelegationId, personId: 'p-usa', personName: 'Delegate USA' };
  const record = createProposal(source, author);
  const initial = Y.encodeStateAsUpdate(source);
  const body = [
    ...treatyFragment(source).createTreeWalker((n) => n instanceof Y.XmlElement && n.nodeName === 'body'),
  ][0] as Y.XmlElement;
  const ytext = body.get(0) as Y.XmlText;
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array) => updates.push(update);
  source.on('update', collect);
  for (let i = 0; i < edits; i++) ytext.insert(ytext.length - 1, 'x', { insertion: { proposal: record.id } });
  source.off('update', collect);
  const editor = {
    personId: author.personId,
    name: author.personName,
    delegation: author.delegation,
    role: 'delegate',
  } as const;
  const run = (checked: boolean) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initial);
    const before = process.cpuUsage();
    for (const update of updates) {
      if (checked) {
        const pre = updateShapeProblem(doc, update, DEFAULT_SHAPE_LIMITS, () => 1);
        if (!pre.ok) throw new Error('an honest keystroke was refused by the pre-check');
      }
      const admission = admitUpdate(
        doc,
        update,
        checked
          ? (d) => {
              const shape = watchShape(d);
              const rules = watchTreatyRules(d, editor);
              return { finish: () => shape.finish()?.message ?? rules.finish()?.message ?? null };
            }
          : undefined,
      );
      if (!admission.ok) throw new Error(`an honest keystroke was refused: ${admission.reason}`);
    }
    const used = process.cpuUsage(before);
    doc.destroy();
    return (used.user + used.system) / edits;
  };
  run(true);
  run(false);
  const checkedMicros = run(true);
  const bareMicros = run(false);
  return { checkedMicros, bareMicros, validatorMicros: checkedMicros - bareMicros };
}
