// The grid-switch benchmark (scripts/bench-app.sh), inert unless the shell asks for it: from the
// portfolio, switch to each client's assessment grid in turn and time the route change to the
// grid's first paint after rendering its rows (the `assessment-grid-rendered` mark).

import { api } from './api';
import { router } from './router.svelte';

export const GRID_RENDERED = 'crosswalk:assessment-grid-rendered';

function nextGridRender(): Promise<void> {
  return new Promise((resolve) => window.addEventListener(GRID_RENDERED, () => resolve(), { once: true }));
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runGridSwitches(clients: string[], rounds = 5): Promise<void> {
  // Let start-up finish (the dashboard figures load after the list), as a person would take a
  // moment before opening a client.
  await pause(1000);
  const timings: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const id of clients) {
      const rendered = nextGridRender();
      const start = performance.now();
      router.go({ name: 'assessment', id });
      await rendered;
      timings.push(performance.now() - start);
      router.go({ name: 'portfolio' });
      await pause(400);
    }
  }
  await api.benchResult(timings);
}
