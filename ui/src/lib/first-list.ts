// The portfolio's first list, asked for before the page is built: the core answers while the
// window mounts and lays out the page (tens of milliseconds of the page's own work), instead of
// after. The portfolio takes it once, if its first query is still the one asked here.

import { api } from './api';
import type { Dashboard, DashboardQuery, IsoDate } from './bindings';
import { today } from './today';

/** The query the portfolio opens with (every client still active, by name). */
export const openingQuery: DashboardQuery = {
  search: '',
  filter: 'active',
  framework: null,
  needs_attention_only: false,
  sort: 'name',
  descending: false,
};

let early: { day: IsoDate; answer: Promise<Dashboard> } | null = null;

/** Sends the opening query now (called once, first thing at start-up, when the window opens on
 * the portfolio, whose first query takes or drops it at once). */
export function askEarly(): void {
  const day = today();
  const answer = api.dashboard(openingQuery, day, false);
  answer.catch(() => undefined); // whoever takes it sees the error; nobody else must
  early = { day, answer };
}

/** The early answer to `query` on `day`, once; `null` when there is none or it answers another. */
export function takeEarly(query: DashboardQuery, day: IsoDate): Promise<Dashboard> | null {
  const taken = early;
  early = null;
  if (!taken || taken.day !== day) return null;
  const same = (Object.keys(openingQuery) as (keyof DashboardQuery)[]).every((k) => query[k] === openingQuery[k]);
  return same ? taken.answer : null;
}
