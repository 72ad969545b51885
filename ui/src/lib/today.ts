// "Today" for the whole window, made in one place: the date on the consultant's calendar (the
// machine's time zone), never the UTC date, which is yesterday for the first hours of a day east
// of Greenwich.

import type { IsoDate } from './bindings';

/** Today's date in the machine's time zone, as YYYY-MM-DD. */
export function today(now: Date = new Date()): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
