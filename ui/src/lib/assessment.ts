// Words and helpers shared by the assessment and analysis screens.

import type { ControlStatus, ScopeFramework } from './bindings';

export const statusOrder: ControlStatus[] = [
  'not_assessed',
  'not_implemented',
  'partially_implemented',
  'implemented',
  'not_applicable',
];

export const statusLabels: Record<ControlStatus, string> = {
  not_assessed: 'Not assessed',
  not_implemented: 'Not implemented',
  partially_implemented: 'Partially implemented',
  implemented: 'Implemented',
  not_applicable: 'Not applicable',
};

/** The frameworks the recommendation rates, by id, with their display names. */
export const scopeNames: Record<string, string> = {
  iso27001: 'ISO/IEC 27001',
  soc2: 'SOC 2',
  iso42001: 'ISO/IEC 42001',
  eu_ai_act: 'EU AI Act',
};

/** Today's local date; made in `./today.ts`, re-exported for the views that import it here. */
export { today } from './today';

const otherNames: Record<string, string> = { gdpr: 'GDPR', nis2: 'NIS2', nist_ai_rmf: 'NIST AI RMF' };

/** A framework's display name; a framework the consultant imported (`x_...`) shows its id. */
export function scopeName(f: ScopeFramework): string {
  return scopeNames[f] ?? otherNames[f] ?? f;
}
