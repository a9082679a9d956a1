/**
 * localStorage, or an in-memory stand-in when the browser refuses storage (private modes, disabled cookies),
 * so that joining still works for the current page.
 */
export function browserStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  try {
    const probe = '__travaux_probe__';
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
    };
  }
}
