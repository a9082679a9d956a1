import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { signSession, verifyInvitation, verifySession } from './tokens.ts';

const SECRET = 'a-test-secret-of-sufficient-length-0123456789';
const later = () => Math.floor(Date.now() / 1000) + 3600;
const claims = () => ({ sub: 'person', inv: 'invitation', neg: 'negotiation', exp: later() });

describe('session tokens (HS256)', () => {
  it('accept what signSession issued, with its claims', async () => {
    const token = await signSession(claims(), SECRET);
    expect(await verifySession(token, SECRET)).toMatchObject({
      ok: true,
      claims: { typ: 'ses', sub: 'person' },
    });
  });

  it('refuse a changed payload, another secret, another algorithm, an expired token and the wrong type', async () => {
    const token = await signSession(claims(), SECRET);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ typ: 'ses', ...claims(), sub: 'someone-else' })).toString(
      'base64url',
    );
    expect(await verifySession(`${header}.${forged}.${signature}`, SECRET)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(await verifySession(token, `${SECRET}x`)).toEqual({ ok: false, reason: 'bad-signature' });
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(await verifySession(`${none}.${token.split('.')[1]}.`, SECRET)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    const hs512 = await sign({ typ: 'ses', ...claims() }, SECRET, 'HS512');
    expect(await verifySession(hs512, SECRET)).toEqual({ ok: false, reason: 'malformed' });
    const expired = await signSession({ ...claims(), exp: Math.floor(Date.now() / 1000) - 1 }, SECRET);
    expect(await verifySession(expired, SECRET)).toEqual({ ok: false, reason: 'expired' });
    expect(await verifyInvitation(token, SECRET)).toEqual({ ok: false, reason: 'wrong-type' });
    expect(await verifySession('not.a.token', SECRET)).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifySession(null, SECRET)).toEqual({ ok: false, reason: 'missing' });
  });
});
