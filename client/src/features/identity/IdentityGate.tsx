import { type ReactNode, useState } from 'react';
import { type Identity, loadIdentity, saveIdentity } from './identity.ts';
import { IdentityContext } from './identity-context.ts';
import { JoinForm } from './JoinForm.tsx';
import { clearJoinHash, useJoinRequested } from './join-hash.ts';
import { browserStorage } from './storage.ts';

/** Shows the join form until the visitor has a name and a delegation (or asked to change them). */
export function IdentityGate({ children }: { children: ReactNode }) {
  const [storage] = useState(browserStorage);
  const [identity, setIdentity] = useState<Identity | null>(() => loadIdentity(storage));
  const changing = useJoinRequested();

  if (!identity || changing) {
    return (
      <JoinForm
        initial={identity}
        onJoin={(next) => {
          saveIdentity(storage, next);
          setIdentity(next);
          clearJoinHash();
        }}
      />
    );
  }
  return <IdentityContext value={identity}>{children}</IdentityContext>;
}
