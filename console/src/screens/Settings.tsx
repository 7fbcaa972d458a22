import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { useGet } from '../api/hooks.js';
import type { ShadowSetting } from '../api/types.js';
import { ErrorNote, Header, Loading } from '../components/bits.js';
import { usePrefs, type Theme, type Zone } from '../prefs.js';
import { P, useSession } from '../session.js';

/** Shadow mode per flow and channel (server-wide), and this browser's own time zone and colours. */
export function SettingsScreen() {
  const shadow = useGet<ShadowSetting[]>('/shadow');
  const { can } = useSession();
  const client = useQueryClient();
  const set = useMutation({
    mutationFn: (s: ShadowSetting) =>
      api('PUT', `/shadow/${encodeURIComponent(s.flow)}/${encodeURIComponent(s.channel)}`, {
        enabled: s.enabled,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['/shadow'] }),
  });
  const mayWrite = can(P.shadowWrite);
  return (
    <div>
      <Header title="Settings" />
      <section aria-labelledby="shadow">
        <h2 id="shadow">Shadow mode</h2>
        <p className="muted">
          In shadow mode a flow runs and records what it would do, without writing to the partner.
        </p>
        <ErrorNote error={shadow.error ?? set.error} />
        {shadow.isPending && <Loading what="shadow settings" />}
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Flow</th>
              <th scope="col">Channel</th>
              <th scope="col">Shadow</th>
            </tr>
          </thead>
          <tbody>
            {(shadow.data ?? []).map((s) => (
              <tr key={`${s.flow}:${s.channel}`}>
                <td>{s.flow}</td>
                <td>{s.channel}</td>
                <td>
                  <label>
                    <input
                      type="checkbox"
                      checked={s.enabled}
                      disabled={!mayWrite || set.isPending}
                      onChange={(e) => set.mutate({ ...s, enabled: e.target.checked })}
                    />{' '}
                    {s.enabled ? 'on' : 'off'}
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <Personal />
    </div>
  );
}

function Personal() {
  const { zone, setZone, theme, setTheme } = usePrefs();
  return (
    <section aria-labelledby="mine">
      <h2 id="mine">This browser</h2>
      <fieldset>
        <legend>Times</legend>
        {(['utc', 'local'] as Zone[]).map((z) => (
          <label key={z}>
            <input type="radio" name="zone" checked={zone === z} onChange={() => setZone(z)} />{' '}
            {z === 'utc' ? 'UTC' : 'Local time'}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Colours</legend>
        {(['system', 'light', 'dark'] as Theme[]).map((t) => (
          <label key={t}>
            <input type="radio" name="theme" checked={theme === t} onChange={() => setTheme(t)} /> {t}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
