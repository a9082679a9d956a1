/** A one-line-per-event logger; the server writes through this so tests can silence or capture it. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/**
 * Writes one concise line per event: info to stdout, warnings and errors to stderr. No timestamps: process
 * supervisors (systemd, Docker) add their own.
 */
export const consoleLogger: Logger = {
  info: (message) => {
    process.stdout.write(`${message}\n`);
  },
  warn: (message) => {
    process.stderr.write(`warn: ${message}\n`);
  },
  error: (message, error) => {
    process.stderr.write(`error: ${message}${error === undefined ? '' : ` (${describe(error)})`}\n`);
  },
};

/** Discards everything; for tests. */
export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
