import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { statementCache } from './statement-cache.ts';

describe('statementCache', () => {
  it('compiles each SQL text once and reuses its statement', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x INTEGER)');
    const prepare = statementCache(db);
    const insert = prepare('INSERT INTO t (x) VALUES (?)');
    expect(prepare('INSERT INTO t (x) VALUES (?)')).toBe(insert);
    insert.run(1);
    prepare('INSERT INTO t (x) VALUES (?)').run(2);
    const count = prepare<[], { n: number }>('SELECT count(*) AS n FROM t');
    expect(count).not.toBe(insert);
    expect(count.get()?.n).toBe(2);
    db.close();
  });
});
