import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useIdentity } from '../features/identity/identity-context.ts';
import { JOIN_HASH } from '../features/identity/join-hash.ts';
import { delegationName } from '../features/presence/room-user.ts';

/** The bar on every page: the product name (home), an optional title and status, and who is signed in. */
export function AppHeader({ title, children }: { title?: string; children?: ReactNode }) {
  const identity = useIdentity();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Link href="/" className="brand">
        Travaux
      </Link>
      {title !== undefined && <p className="header-title">{title}</p>}
      <div className="header-end">
        {children}
        <p className="identity">
          <span className="identity-name">{identity.name}</span>
          <span className="identity-delegation">{delegationName(identity.delegationId)}</span>
          <a href={JOIN_HASH} className="identity-change">
            Change<span className="visually-hidden"> name or delegation</span>
          </a>
        </p>
      </div>
    </header>
  );
}
