import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, api, onUnauthorized, setCsrfToken } from './api/client.js';
import type { Session } from './api/types.js';

interface SessionState {
  session: Session | null;
  /** True until the first answer of GET /api/session. */
  loading: boolean;
  signIn: (token: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Whether the signed-in user's role holds any of these permissions. */
  can: (...permissions: string[]) => boolean;
}

const Ctx = createContext<SessionState | null>(null);

/** Holds who is signed in; every screen asks it what the role may do before it shows an action. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);
  const client = useQueryClient();
  const adopt = useCallback((s: Session | null) => {
    setCsrfToken(s?.csrfToken ?? null);
    setSession(s);
  }, []);
  useEffect(() => {
    api<Session>('GET', '/session')
      .then(adopt)
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status === 401)) console.error(e);
        adopt(null);
      })
      .finally(() => setLoading(false));
    return onUnauthorized(() => adopt(null));
  }, [adopt]);
  const value = useMemo<SessionState>(
    () => ({
      session,
      loading,
      async signIn(token) {
        adopt(await api<Session>('POST', '/session', { token }));
      },
      async signOut() {
        await api('DELETE', '/session').catch(() => undefined);
        client.clear();
        adopt(null);
      },
      can: (...permissions) => permissions.some((p) => session?.permissions.includes(p) ?? false),
    }),
    [session, loading, adopt, client],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Permission names of the admin API (src/api/auth/roles.ts). */
export const P = {
  read: 'read',
  exceptionsAct: 'exceptions.act',
  exceptionsActFinance: 'exceptions.act.finance',
  lanesAct: 'lanes.act',
  partnersTest: 'partners.test',
  shadowWrite: 'shadow.write',
  mappingsWrite: 'mappings.write',
  mappingsWriteFinance: 'mappings.write.finance',
  mappingsWriteOps: 'mappings.write.ops',
  auditRead: 'audit.read',
  usersManage: 'users.manage',
} as const;

/** Renders its children only for a role holding one of the permissions: no dead buttons for a viewer. */
export function Can({ any, children }: { any: string[]; children: ReactNode }) {
  return useSession().can(...any) ? <>{children}</> : null;
}

/** Mapping kinds each narrower write permission covers (src/api/auth/roles.ts). */
const MAPPING_KINDS_BY_PERMISSION: Record<string, readonly string[]> = {
  [P.mappingsWriteFinance]: ['tax'],
  [P.mappingsWriteOps]: ['sku', 'carrier'],
};

/**
 * Whether the signed-in role may change mappings of a kind (of some kind, without one), decided as
 * the server decides it, so a form is offered only where saving it can succeed.
 */
export function useMayWriteMapping(): (kind?: string) => boolean {
  const { can } = useSession();
  return (kind) =>
    can(P.mappingsWrite) ||
    Object.entries(MAPPING_KINDS_BY_PERMISSION).some(
      ([p, kinds]) => can(p) && (kind === undefined || kinds.includes(kind)),
    );
}
