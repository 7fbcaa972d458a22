import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../api/client.js';
import { useSession } from '../session.js';

/** Sign-in with an API token; a one-time link from `ferry demo` or an admin signs in without one. */
export function LoginScreen() {
  const { signIn } = useSession();
  const [params] = useSearchParams();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(
    params.get('error') === 'link'
      ? 'That sign-in link was used already or has expired: ask for a new one, or sign in with a token.'
      : null,
  );
  const [busy, setBusy] = useState(false);
  return (
    <main className="login">
      <h1>Ferry console</h1>
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
        <button type="submit" className="primary" disabled={busy || !token.trim()}>
          Sign in
        </button>
      </form>
    </main>
  );
}
