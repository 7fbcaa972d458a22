import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Zone = 'utc' | 'local';
export type Theme = 'system' | 'light' | 'dark';

interface Prefs {
  zone: Zone;
  theme: Theme;
  setZone: (z: Zone) => void;
  setTheme: (t: Theme) => void;
}

const Ctx = createContext<Prefs | null>(null);

function stored<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  const v = localStorage.getItem(key);
  return allowed.includes(v as T) ? (v as T) : fallback;
}

/** Time zone and colour scheme, kept per browser. UTC by default: Ferry stores and logs UTC. */
export function PrefsProvider({ children }: { children: ReactNode }) {
  const [zone, setZone] = useState<Zone>(() => stored('ferry.zone', ['utc', 'local'], 'utc'));
  const [theme, setTheme] = useState<Theme>(() =>
    stored('ferry.theme', ['system', 'light', 'dark'], 'system'),
  );
  useEffect(() => localStorage.setItem('ferry.zone', zone), [zone]);
  useEffect(() => {
    localStorage.setItem('ferry.theme', theme);
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
  const value = useMemo(() => ({ zone, theme, setZone, setTheme }), [zone, theme]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function usePrefs(): Prefs {
  const p = useContext(Ctx);
  if (!p) throw new Error('usePrefs outside PrefsProvider');
  return p;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:MM:SS` in the chosen zone, with the zone named. */
export function formatTime(ms: number, zone: Zone): string {
  const d = new Date(ms);
  if (zone === 'utc') return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** A point in time as the person chose to read it; the machine-readable value stays UTC. */
export function Time({ ms }: { ms: number | null | undefined }) {
  const { zone } = usePrefs();
  if (ms === null || ms === undefined) return <span className="muted">—</span>;
  return <time dateTime={new Date(ms).toISOString()}>{formatTime(ms, zone)}</time>;
}

/** A duration in the largest sensible unit: 45 s, 12 min, 3 h 5 min, 2 d. */
export function formatAge(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d`;
}
