import { createContext, useContext } from 'react';
import type { Identity } from './identity.ts';

export const IdentityContext = createContext<Identity | null>(null);

/** The signed-in identity; only valid below `IdentityGate`. */
export function useIdentity(): Identity {
  const identity = useContext(IdentityContext);
  if (!identity) throw new Error('useIdentity() must be used inside <IdentityGate>');
  return identity;
}
