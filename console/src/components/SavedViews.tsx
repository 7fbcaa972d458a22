import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { api, qs } from '../api/client.js';
import { useGet } from '../api/hooks.js';
import type { SavedView } from '../api/types.js';
import { ErrorNote } from './bits.js';

/**
 * The signed-in user's saved filters for one screen: a view is the screen's query string under a
 * name, so opening it is following a link.
 */
export function SavedViews({ screen }: { screen: string }) {
  const location = useLocation();
  const client = useQueryClient();
  const path = `/views${qs({ screen })}`;
  const views = useGet<SavedView[]>(path);
  const [name, setName] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: [path] });
  const save = useMutation({
    mutationFn: () => api('POST', '/views', { screen, name, query: location.search.replace(/^\?/, '') }),
    onSuccess: async () => {
      setName('');
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => api('DELETE', `/views/${id}`),
    onSuccess: refresh,
  });
  return (
    <section className="saved-views" aria-label="Saved views">
      <ul>
        {(views.data ?? []).map((v) => (
          <li key={v.id}>
            <Link to={`${location.pathname}?${v.query}`}>{v.name}</Link>
            <button
              type="button"
              className="link"
              aria-label={`Delete view ${v.name}`}
              onClick={() => remove.mutate(v.id)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) save.mutate();
        }}
      >
        <label>
          Save these filters as{' '}
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="view name" />
        </label>
        <button type="submit" disabled={!name.trim() || save.isPending}>
          Save view
        </button>
      </form>
      <ErrorNote error={save.error ?? remove.error ?? views.error} />
    </section>
  );
}
