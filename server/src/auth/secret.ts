import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File of the token-signing secret inside the data directory. */
export const SECRET_FILE = 'secret.key';

/**
 * The server's signing secret: `<dataDir>/secret.key`, 32 random bytes in hex, created with mode 0600 on first
 * start and reused afterwards, so that issued links survive restarts. Deleting the file invalidates every link.
 */
export function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, SECRET_FILE);
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(secret))
      throw new Error(`${file} is not a 64-digit hex secret; delete it to make a new one`);
    return secret;
  }
  const secret = randomBytes(32).toString('hex');
  // 'wx' fails if another process created the file meanwhile; then use theirs.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch {
    return loadOrCreateSecret(dataDir);
  }
  chmodSync(file, 0o600);
  return secret;
}
