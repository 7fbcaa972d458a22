import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, describeError } from '../api/client.js';
import type { SignOnProviders } from '../api/types.js';
import { useSession } from '../session.js';
import { ssoMessage } from './ssoReasons.js';

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
