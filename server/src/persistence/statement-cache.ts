import type Database from 'better-sqlite3';

/** A store's `prepare`: each SQL text is compiled once and its statement reused (a store runs few, often). */
export type Prepare = <P extends unknown[] = unknown[], R = unknown>(
  source: string,
) => Database.Statement<P, R>;

/** `db.prepare`, compiled once per SQL text. */
export function statementCache(db: Database.Database): Prepare {
  const statements = new Map<string, Database.Statement>();
  return <P extends unknown[] = unknown[], R = unknown>(source: string) => {
    let statement = statements.get(source);
    if (!statement) {
      statement = db.prepare(source);
      statements.set(source, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  };
}
