import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { usePrincipal } from '../features/session/principal-context.ts';
import { seatDescription } from '../features/session/roles.ts';
import { sessionStore } from '../features/session/session-store.ts';

/** The bar on every page: the product name (home), an optional title and status, and who is signed in. */
export function AppHeader({ title, children }: { title?: string; children?: ReactNode }) {
  const principal = usePrincipal();
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
          <span className="identity-name">{principal.name}</span>
          <span className="identity-delegation">{seatDescription(principal.role, principal.delegation)}</span>
          <button type="button" className="link-button" onClick={() => sessionStore.signOut()}>
            Sign out
          </button>
        </p>
      </div>
    </header>
  );
}
