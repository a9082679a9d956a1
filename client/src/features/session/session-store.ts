import { setApiSessionToken } from '../../api/http.ts';

/** localStorage key of the session token issued by `POST /api/sessions`. */
export const SESSION_STORAGE_KEY = 'travaux.session';

type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function browserStorage(): TokenStorage {
  try {
    const probe = '__travaux_probe__';
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    // Private modes may refuse storage: the session then lasts as long as the page.
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
      removeItem: (key) => void memory.delete(key),
    };
  }
}

/**
 * The session token of this browser: kept in storage, given to the API layer, and observable so that the
 * gate re-renders when a person signs in or out.
 */
export class SessionStore {
  readonly #storage: TokenStorage;
  readonly #listeners = new Set<() => void>();
  #token: string | null;

  constructor(storage: TokenStorage = browserStorage()) {
    this.#storage = storage;
    this.#token = storage.getItem(SESSION_STORAGE_KEY);
    setApiSessionToken(this.#token);
  }

  getToken = (): string | null => this.#token;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Stores a new session token (after opening an invitation). */
  signIn(token: string): void {
    this.#storage.setItem(SESSION_STORAGE_KEY, token);
    this.#set(token);
  }

  /** Forgets the session (sign out, or the server said it is no longer valid). */
  signOut(): void {
    this.#storage.removeItem(SESSION_STORAGE_KEY);
    this.#set(null);
  }

  #set(token: string | null): void {
    this.#token = token;
    setApiSessionToken(token);
    for (const listener of this.#listeners) listener();
  }
}

/** The one store of the page. */
export const sessionStore = new SessionStore();
