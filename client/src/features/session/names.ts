/** Longest accepted display name (the server enforces the same limit). */
export const MAX_NAME_LENGTH = 80;

/** A display name as stored: trimmed, inner whitespace collapsed. */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}
