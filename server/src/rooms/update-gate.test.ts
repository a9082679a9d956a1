import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { structClients } from './guard.ts';
import { admitUpdate } from './update-gate.ts';

function edit(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('admitUpdate', () => {
  it('applies a valid update and returns what it changed', () => {
    const live = new Y.Doc();
    const client = new Y.Doc();
    const admission = admitUpdate(live, edit(client, 'Article 1'));
    if (!admission.ok || !admission.effective) throw new Error('expected an effective update');
    expect(live.getText('t').toString()).toBe('Article 1');
    expect(admission.clients).toEqual(structClients(admission.effective));
    expect(admission.clients).toEqual([client.clientID]);
    const other = new Y.Doc();
    Y.applyUpdate(other, admission.effective);
    expect(other.getText('t').toString()).toBe('Article 1');
  });

  it('returns null for an update that changes nothing (duplicate or empty sync step 2)', () => {
    const client = new Y.Doc();
    const update = edit(client, 'x');
    const live = new Y.Doc();
    Y.applyUpdate(live, update);
    expect(admitUpdate(live, update)).toEqual({ ok: true, effective: null, clients: [] });
    expect(admitUpdate(live, Y.encodeStateAsUpdate(new Y.Doc()))).toEqual({
      ok: true,
      effective: null,
      clients: [],
    });
  });

  it('refuses truncated and garbage updates without throwing', () => {
    const client = new Y.Doc();
    const good = edit(client, 'Paragraph one');
    for (const bad of [
      good.slice(0, good.length - 3),
      new Uint8Array([5, 200, 1, 9, 9]),
      new Uint8Array([1]),
    ]) {
      expect(admitUpdate(new Y.Doc(), bad).ok).toBe(false);
    }
  });

  it('refuses an update whose dependencies the document lacks', () => {
    const client = new Y.Doc();
    edit(client, 'first');
    const second = edit(client, ' second');
    expect(admitUpdate(new Y.Doc(), second)).toMatchObject({ ok: false });
  });

  it('refuses what the inspector refuses, as a rule', () => {
    const client = new Y.Doc();
    const admission = admitUpdate(new Y.Doc(), edit(client, 'x'), () => ({ finish: () => 'PR1: no' }));
    expect(admission).toEqual({ ok: false, reason: 'PR1: no', rule: true });
  });
});
