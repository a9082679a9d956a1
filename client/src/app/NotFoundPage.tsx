import { Link } from 'wouter';
import { AppHeader } from './AppHeader.tsx';

/** Shown for an unknown address or a document that does not exist. */
export function NotFoundPage({ message }: { message?: string }) {
  return (
    <>
      <AppHeader />
      <main id="main" className="page narrow">
        <h1>Not found</h1>
        <p>{message ?? 'There is nothing at this address.'}</p>
        <p>
          <Link href="/">Back to the negotiation documents</Link>
        </p>
      </main>
    </>
  );
}
