/**
 * Saved views: a user's named filters for a console screen, kept as the screen's query string, so
 * opening one is following a link. Views belong to the user who saved them: nobody lists, opens or
 * deletes another's (an id of someone else's view answers as if it did not exist).
 */
import type { Clock } from '../../../core/clock.js';
import { FerryError } from '../../../core/errors.js';
import type { Store } from '../../../store/index.js';
import type { SavedViewRow } from '../../../store/views/index.js';

/** Screens with filters worth saving. */
export const VIEW_SCREENS = ['exceptions', 'orders', 'audit'] as const;
export type ViewScreen = (typeof VIEW_SCREENS)[number];

/** The longest query string kept: a URL's filters, not a payload. */
export const MAX_VIEW_QUERY = 2000;

/** A saved view as the API shows it. */
export interface SavedView {
  id: number;
  screen: string;
  name: string;
  query: string;
  createdAt: number;
}

const show = (r: SavedViewRow): SavedView => ({
  id: r.id,
  screen: r.screen,
  name: r.name,
  query: r.query,
  createdAt: r.createdAt,
});

function owner(userId: number | null): number {
  if (userId === null)
    throw new FerryError(
      'conflict',
      'saved views belong to a user, and this token belongs to none; sign in with a user token (ferry users token NAME)',
    );
  return userId;
}

export class SavedViews {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async list(userId: number | null, screen?: ViewScreen): Promise<SavedView[]> {
    if (userId === null) return [];
    return (await this.store.savedViews.listViews(userId, screen)).map(show);
  }

  /** Saves (or, under a name the user already has on that screen, replaces) a view. */
  async save(
    userId: number | null,
    v: { screen: ViewScreen; name: string; query: string },
  ): Promise<SavedView> {
    const name = v.name.trim();
    if (!name) throw new FerryError('bad_request', 'a saved view needs a name');
    const query = v.query.replace(/^\?/, '');
    if (query.length > MAX_VIEW_QUERY)
      throw new FerryError(
        'bad_request',
        `a view's query is at most ${MAX_VIEW_QUERY} characters; this one has ${query.length}`,
      );
    const params = new URLSearchParams(query);
    // The page cursor is a position in one moment's list, not part of a filter.
    params.delete('cursor');
    const row = await this.store.savedViews.insertView({
      userId: owner(userId),
      screen: v.screen,
      name,
      query: params.toString(),
      now: this.clock.now(),
    });
    return show(row);
  }

  async remove(userId: number | null, id: number): Promise<SavedView> {
    const row = await this.store.savedViews.deleteView(owner(userId), id);
    if (!row) throw new FerryError('not_found', `you have no saved view ${id}`);
    return show(row);
  }
}
