import type { ReactNode } from 'react';
import { describeError } from '../api/client.js';

/** A failed request, in words, announced to screen readers. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {describeError(error)}
    </p>
  );
}

/** Shown while the first answer of a screen is on its way (later refreshes keep the old rows). */
export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/** A progress bar with its numbers in words beside it. */
export function Progress({
  label,
  done,
  total,
  failed = 0,
}: {
  label: string;
  done: number;
  total: number;
  failed?: number;
}) {
  return (
    <div className="progress-row">
      <progress aria-label={label} max={Math.max(total, 1)} value={done + failed} />
      <span>
        {done + failed} of {total}
        {failed ? `, ${failed} failed` : ''}
      </span>
    </div>
  );
}

export function Badge({ kind, children }: { kind: string; children: ReactNode }) {
  return <span className={`badge badge-${kind.replace(/[^a-z0-9-]/gi, '')}`}>{children}</span>;
}

/** The screen's title and its one-line purpose. */
export function Header({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="screen-header">
      <h1>{title}</h1>
      {children}
    </header>
  );
}

/** A form's text fields by name, trimmed; a field that is missing or a file reads as ''. */
export function formText(form: HTMLFormElement): (name: string) => string {
  const d = new FormData(form);
  return (name) => {
    const v = d.get(name);
    return typeof v === 'string' ? v.trim() : '';
  };
}
