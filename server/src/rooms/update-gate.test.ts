import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UpdateGate } from './update-gate.ts';

function edit(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('UpdateGate', () => {
  it('admits a valid update and returns what it changed', () => {
    const committed = new Y.Doc();
    const gate = new UpdateGate(committed);
    const client = new Y.Doc();
    const admission = gate.admit(edit(client, 'Article 1'));
    if (!admission.ok || !admission.effective) throw new Error('expected an effective update');
    Y.applyUpdate(committed, admission.effective);
    expect(committed.getText('t').toString()).toBe('Article 1');
    gate.destroy();
  });

  it('returns null for an update that changes nothing (duplicate or empty sync step 2)', () => {
    const client = new Y.Doc();
    const update = edit(client, 'x');
    const committed = new Y.Doc();
    Y.applyUpdate(committed, update);
    const gate = new UpdateGate(committed);
    expect(gate.admit(update)).toEqual({ ok: true, effective: null });
    expect(gate.admit(Y.encodeStateAsUpdate(new Y.Doc()))).toEqual({ ok: true, effective: null });
    gate.destroy();
  });

  it('refuses truncated and garbage updates without throwing, and recovers after reset', () => {
    const committed = new Y.Doc();
    const gate = new UpdateGate(committed);
    const client = new Y.Doc();
    const good = edit(client, 'Paragraph one');
    for (const bad of [
      good.slice(0, good.length - 3),
      new Uint8Array([5, 200, 1, 9, 9]),
      new Uint8Array([1]),
    ]) {
      const admission = gate.admit(bad);
      expect(admission.ok).toBe(false);
      gate.reset(committed, []);
    }
    const admission = gate.admit(good);
    if (!admission.ok || !admission.effective) throw new Error('expected the good update to pass');
    Y.applyUpdate(committed, admission.effective);
    expect(committed.getText('t').toString()).toBe('Paragraph one');
    gate.destroy();
  });

  it('keeps admitted-but-uncommitted updates across a reset', () => {
    const committed = new Y.Doc();
    const gate = new UpdateGate(committed);
    const client = new Y.Doc();
    const first = gate.admit(edit(client, 'a'));
    if (!first.ok || !first.effective) throw new Error('expected an update');
    gate.reset(committed, [first.effective]);
    // The first update is still known to the shadow, so resending it changes nothing.
    expect(gate.admit(first.effective)).toEqual({ ok: true, effective: null });
    gate.destroy();
  });
});
