// Words and helpers shared by the assessment and analysis screens.

import { controlStatusLabels, frameworkNames } from './bindings';
import type { ControlStatus, ScopeFramework } from './bindings';

/** The statuses in the order the grid offers them (the generated labels' order). */
export const statusOrder = Object.keys(controlStatusLabels) as ControlStatus[];

/** A sentence-case label from the core's words (`not assessed` reads `Not assessed`). */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Every control status by its English label, as the grid and the analysis show it. */
export const statusLabels = Object.fromEntries(
  statusOrder.map((s) => [s, sentenceCase(controlStatusLabels[s].en)]),
) as Record<ControlStatus, string>;

/** Every shipped framework by id, with its short name (generated from the core). */
export const scopeNames: Record<string, string> = frameworkNames;

/** Today's local date; made in `./today.ts`, re-exported for the views that import it here. */
export { today } from './today';

/** A framework's display name; a framework the consultant imported (`x_...`) shows its id. */
export function scopeName(f: ScopeFramework): string {
  return frameworkNames[f] ?? f;
}
