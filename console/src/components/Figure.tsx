import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A number the server counted, with the list it counted: a console screen, or the API's list. */
export interface Figure {
  value: number;
  href: string;
}

/**
 * Opens the list behind a number: a console path stays in the console (router link), an admin
 * API path opens the JSON list (the session cookie carries over).
 */
export function FigureLink({ href, children }: { href: string; children: ReactNode }) {
  if (href.startsWith('/console/') || href === '/console')
    return <Link to={href.slice('/console'.length) || '/'}>{children}</Link>;
  return (
    <a href={href} target="_blank" rel="noreferrer">
      {children}
    </a>
  );
}

/** The number as a link to its list. */
export function Count({ f, label }: { f: Figure; label?: string }) {
  return (
    <FigureLink href={f.href}>
      {f.value}
      {label ? ` ${label}` : ''}
    </FigureLink>
  );
}
