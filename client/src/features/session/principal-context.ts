import { createContext, useContext } from 'react';
import type { Principal } from '../../api/session.ts';

export const PrincipalContext = createContext<Principal | null>(null);

/** The signed-in principal; only valid below `SessionGate`. */
export function usePrincipal(): Principal {
  const principal = useContext(PrincipalContext);
  if (!principal) throw new Error('usePrincipal() must be used inside <SessionGate>');
  return principal;
}
