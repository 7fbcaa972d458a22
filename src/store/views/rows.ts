/** A saved view as stored: one user's named query string for one console screen. */
export interface SavedViewRow {
  id: number;
  userId: number;
  screen: string;
  name: string;
  query: string;
  createdAt: number;
}

export function toSavedView(r: {
  id: number | string;
  user_id: number | string;
  screen: string;
  name: string;
  query: string;
  created_at: number | string;
}): SavedViewRow {
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    screen: r.screen,
    name: r.name,
    query: r.query,
    createdAt: Number(r.created_at),
  };
}
