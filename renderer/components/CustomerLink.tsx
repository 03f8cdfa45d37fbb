// A customer's name as a link to the customer's page (#/customer?id=…) when
// the signed-in roles may open it; plain text otherwise.
import type { ReactNode } from 'react';
import { pagesFor, routeHref } from '../app/routes';
import { useSession } from '../app/session';

export function CustomerLink({ id, children }: { id: number | null | undefined; children: ReactNode }) {
  const { session } = useSession();
  if (id == null || !pagesFor(session.user.roles).includes('customer')) return <>{children}</>;
  return (
    <a href={routeHref('customer', { id })} className="customer-link" data-testid={`customer-link-${id}`}>
      {children}
    </a>
  );
}
