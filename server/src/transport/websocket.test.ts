import { describe, expect, it } from 'vitest';
import { truncateUtf8 } from './websocket.ts';

describe('truncateUtf8', () => {
  it('keeps a close reason within the 123 bytes of a close frame without splitting characters', () => {
    expect(truncateUtf8('short reason', 123)).toBe('short reason');
    const long = `update cannot be applied: ${'é'.repeat(100)}`;
    const cut = truncateUtf8(long, 123);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(123);
    expect(long.startsWith(cut)).toBe(true);
    expect(Buffer.byteLength(cut)).toBeGreaterThan(120);
    expect(truncateUtf8('€€€', 5)).toBe('€');
  });
});
