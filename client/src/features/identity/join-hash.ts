import { useSyncExternalStore } from 'react';

/** The URL fragment that opens the join form again ("Change" in the header links to it). */
export const JOIN_HASH = '#join';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** Whether the URL currently asks for the join form. */
export function useJoinRequested(): boolean {
  return useSyncExternalStore(subscribe, () => window.location.hash === JOIN_HASH);
}

/** Drops `#join` from the URL without adding a history entry, and tells subscribers. */
export function clearJoinHash(): void {
  if (window.location.hash !== JOIN_HASH) return;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
