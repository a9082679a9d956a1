import type { MouseEvent, ReactNode } from 'react';
import { Link } from 'wouter';
import { usePrincipal } from '../features/session/principal-context.ts';
import { seatDescription } from '../features/session/roles.ts';
import { sessionStore } from '../features/session/session-store.ts';

/**
 * Moves focus to the element a skip link names (issue 20: following `#main` left focus on the page body). An
 * element that cannot take focus gets `tabindex="-1"` first, so it can without joining the Tab order.
 */
function skipTo(event: MouseEvent<HTMLAnchorElement>, id: string): void {
  const target = document.getElementById(id) ?? document.getElementById('main');
  if (!target) return;
  event.preventDefault();
  if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
  target.scrollIntoView({ block: 'start' });
}

/**
 * The bar on every page: a skip link to the content (`skipTo`: the id it focuses, `main` unless said), the
 * product name (home), an optional title (the page's `h1` when `heading` is set) and status, and who is signed
 * in.
 */
export function AppHeader({
  title,
  heading = false,
  skipTo: target = 'main',
  children,
}: {
  title?: string;
  heading?: boolean;
  skipTo?: string;
  children?: ReactNode;
}) {
  const principal = usePrincipal();
  const Title = heading ? 'h1' : 'p';
  return (
    <header className="app-header">
      <a className="skip-link" href={`#${target}`} onClick={(event) => skipTo(event, target)}>
        Skip to content
      </a>
      <Link href="/" className="brand">
        Travaux
      </Link>
      {title !== undefined && <Title className="header-title">{title}</Title>}
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
