import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useGet } from './api/hooks.js';
import { usePrefs } from './prefs.js';
import { P, useSession } from './session.js';
import { shortcutTargets } from './shortcuts.js';

/** Keyboard: g then a letter goes to a screen (shortcuts.ts), / focuses search. */
function useShortcuts(search: React.RefObject<HTMLInputElement | null>): void {
  const navigate = useNavigate();
  const { can } = useSession();
  const listUsers = can(P.usersManage);
  const readAudit = can(P.auditRead);
  useEffect(() => {
    const GO = shortcutTargets({ listUsers, readAudit });
    let pendingG = false;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (
        t.isContentEditable ||
        ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) ||
        e.ctrlKey ||
        e.metaKey ||
        e.altKey
      )
        return;
      if (e.key === '/') {
        e.preventDefault();
        search.current?.focus();
      } else if (pendingG && GO[e.key]) {
        void navigate(GO[e.key]!);
        pendingG = false;
      } else pendingG = e.key === 'g';
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, search, listUsers, readAudit]);
}

/** How many changes wait for a second person; nothing when none do. A decision anywhere refreshes it. */
function PendingBadge() {
  const count = useGet<{ pending: number }>('/approvals/count', { refetchMs: 10_000 });
  const n = count.data?.pending ?? 0;
  if (n === 0) return null;
  return (
    <span className="badge badge-count" aria-label={`${n} waiting`}>
      {n}
    </span>
  );
}

/** The frame of every screen: navigation, universal search, time zone and colour switches, who is signed in. */
export function Layout() {
  const { session, signOut, can } = useSession();
  const { zone, setZone, theme, setTheme } = usePrefs();
  const search = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  useShortcuts(search);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Ferry</span>
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const q = search.current?.value.trim();
            if (q) void navigate(`/orders?q=${encodeURIComponent(q)}`);
          }}
        >
          <label>
            <span className="sr-only">Find an order by any id</span>
            <input ref={search} type="search" placeholder="Find order by any id  ( / )" />
          </label>
        </form>
        <div className="switches">
          <button
            type="button"
            onClick={() => setZone(zone === 'utc' ? 'local' : 'utc')}
            aria-label={`Times in ${zone === 'utc' ? 'UTC' : 'local time'}; switch`}
          >
            {zone === 'utc' ? 'UTC' : 'Local'}
          </button>
          <button
            type="button"
            onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
            aria-label={theme === 'dark' ? 'Dark mode on; switch to light' : 'Switch to dark mode'}
          >
            {theme === 'dark' ? '☾' : '☀'}
          </button>
          <span className="who">
            {session?.user.name} <span className="muted">({session?.user.role})</span>
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <nav className="side" aria-label="Screens">
        <ul>
          <li>
            <NavLink to="/" end>
              Health
            </NavLink>
          </li>
          <li>
            <NavLink to="/exceptions">Exceptions</NavLink>
          </li>
          <li>
            <NavLink to="/orders">Orders</NavLink>
          </li>
          <li>
            <NavLink to="/partners">Partners</NavLink>
          </li>
          <li>
            <NavLink to="/inventory">Inventory</NavLink>
          </li>
          <li>
            <NavLink to="/mappings">Mappings and rules</NavLink>
          </li>
          <li>
            <NavLink to="/approvals">
              Approvals <PendingBadge />
            </NavLink>
          </li>
          {can(P.auditRead) && (
            <li>
              <NavLink to="/audit">Audit log</NavLink>
            </li>
          )}
          <li>
            <NavLink to="/settings">Settings</NavLink>
          </li>
          {can(P.usersManage) && (
            <li>
              <NavLink to="/users">Users</NavLink>
            </li>
          )}
        </ul>
        <p className="nav-later" id="later">
          Finance and Returns arrive with the settlement and returns flows.
        </p>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
