import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, describeError } from '../api/client.js';
import type { SignOnProviders } from '../api/types.js';
import { useSession } from '../session.js';

/**
 * Why single sign-on sent the person back (the server's `reason`), in fixed words: nothing from
 * the URL is shown as it is, so a crafted link cannot put its own text on this page.
 */
const SSO_REASONS: Record<string, (p: string) => string> = {
  unknown_user: (p) =>
    `Your ${p} account is not a Ferry user yet: ask an admin to add you (by the same e-mail or name).`,
  user_disabled: (p) => `Your ${p} account belongs to a Ferry user who is disabled: ask an admin.`,
  no_group_role: (p) =>
    `Your ${p} account is in no group that gives a Ferry role: ask an admin to add you to one.`,
  email_unverified: (p) => `${p} has not verified your e-mail address, so Ferry cannot match it to a user.`,
  claim_missing: (p) => `${p} did not send the name or e-mail Ferry matches users by: ask an admin.`,
  state_mismatch: (p) =>
    `That sign-in with ${p} was not started in this browser, or took longer than 10 minutes: try again.`,
  provider_refused: (p) => `Sign-in with ${p} was cancelled or refused.`,
  verification_failed: (p) =>
    `Sign-in with ${p} could not be verified: try again, and tell an admin if it keeps failing (the reason is in the audit log).`,
  unavailable: (p) => `${p} could not be reached: try again later, or sign in with a token.`,
};

function ssoMessage(reason: string | null, provider: string): string {
  const say = SSO_REASONS[reason ?? ''] ?? ((p: string) => `Sign-in with ${p} did not succeed: try again.`);
  return say(provider);
}

/**
 * Sign-in with an API token, or with the configured single sign-on provider; a one-time link from
 * `ferry demo` or an admin signs in without either.
 */
export function LoginScreen() {
  const { signIn } = useSession();
  const [params] = useSearchParams();
  const [token, setToken] = useState('');
  const [providers, setProviders] = useState<SignOnProviders['providers']>([]);
  const [error, setError] = useState<string | null>(
    params.get('error') === 'link'
      ? 'That sign-in link was used already or has expired: ask for a new one, or sign in with a token.'
      : params.get('error') === 'sso'
        ? ssoMessage(params.get('reason'), 'single sign-on')
        : null,
  );
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api<SignOnProviders>('GET', '/session/providers')
      .then((p) => {
        setProviders(p.providers);
        const first = p.providers[0];
        if (first && params.get('error') === 'sso') setError(ssoMessage(params.get('reason'), first.name));
      })
      // Without the list, token sign-in still works: the page just offers no provider.
      .catch(() => setProviders([]));
  }, [params]);
  return (
    <main className="login">
      <h1>Ferry console</h1>
      {providers.map((p) => (
        <p key={p.startUrl}>
          {/* A full page load, not a fetch: the browser itself must go to the provider and back. */}
          <a className="button primary" href={p.startUrl}>
            Sign in with {p.name}
          </a>
        </p>
      ))}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          signIn(token.trim())
            .catch((err: unknown) => setError(describeError(err)))
            .finally(() => setBusy(false));
        }}
      >
        <label className="block">
          API token
          <input
            type="password"
            autoComplete="current-password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            required
            autoFocus
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button
          type="submit"
          className={providers.length ? undefined : 'primary'}
          disabled={busy || !token.trim()}
        >
          Sign in{providers.length ? ' with a token' : ''}
        </button>
      </form>
    </main>
  );
}
