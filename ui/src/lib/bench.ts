// The grid-switch benchmark (scripts/bench-app.sh), inert unless the shell asks for it: from the
// portfolio, switch to each client's assessment grid in turn and time the route change to the
// first frame with the rows in view (GRID_RENDERED), and to the first frame with every row
// (GRID_COMPLETE).

import { api } from './api';
import { router } from './router.svelte';

export const GRID_RENDERED = 'crosswalk:assessment-grid-rendered';
export const GRID_COMPLETE = 'crosswalk:assessment-grid-complete';

function next(event: string): Promise<number> {
  return new Promise((resolve) => window.addEventListener(event, () => resolve(performance.now()), { once: true }));
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runGridSwitches(clients: string[], rounds = 5): Promise<void> {
  // Let start-up finish (the dashboard figures load after the list), as a person would take a
  // moment before opening a client.
  await pause(1000);
  const timings: number[] = [];
  const complete: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const id of clients) {
      const rendered = next(GRID_RENDERED);
      const whole = next(GRID_COMPLETE);
      const start = performance.now();
      router.go({ name: 'assessment', id });
      timings.push((await rendered) - start);
      complete.push((await whole) - start);
      router.go({ name: 'portfolio' });
      await pause(400);
    }
  }
  await api.benchResult(timings, complete);
}
