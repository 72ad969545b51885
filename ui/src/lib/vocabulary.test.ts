// The words the window shows for the core's values come from the core (generated bindings), not
// from tables kept in the UI.

import { describe, expect, it } from 'vitest';
import { scopeName, statusLabels, statusOrder } from './assessment';
import { COUNTRY_CODES, controlStatusLabels, frameworkNames as generated } from './bindings';
import { countryName, frameworkNames, frameworkRank, frameworkShort, wholeNumber } from './labels';
import { REQUEST_STATUSES, requestStatusLabels } from './requests';

describe('the vocabulary', () => {
  it('labels every control status in sentence case from the core, in its order', () => {
    expect(statusOrder).toEqual(['not_assessed', 'not_implemented', 'partially_implemented', 'implemented', 'not_applicable']);
    expect(statusLabels.partially_implemented).toBe('Partially implemented');
    for (const s of statusOrder) {
      expect(statusLabels[s].toLowerCase()).toBe(controlStatusLabels[s].en.toLowerCase());
    }
  });

  it('names every shipped framework and shows an imported one by its id', () => {
    expect(scopeName('gdpr')).toBe('GDPR');
    expect(scopeName('eu_ai_act')).toBe('EU AI Act');
    expect(scopeName('x_dora')).toBe('x_dora');
    expect(frameworkShort).toBe(generated);
    expect(Object.keys(frameworkNames)).not.toContain('eu_ai_act');
    expect(frameworkNames.nist_ai_rmf).toBe('NIST AI RMF');
    expect(frameworkRank('iso27001')).toBeLessThan(frameworkRank('nis2'));
    expect(frameworkRank('x_dora')).toBe(99);
  });

  it('labels the evidence request statuses from the core', () => {
    expect(REQUEST_STATUSES).toEqual(['open', 'provided', 'accepted', 'rejected']);
    expect(requestStatusLabels.provided).toBe('Provided');
  });

  it('names every country the core accepts from the core, and an unknown code by itself', () => {
    expect(countryName('DE')).toBe('Germany');
    expect(countryName('GB')).toBe('United Kingdom');
    expect(countryName('ZZ')).toBe('ZZ');
    for (const code of COUNTRY_CODES) expect(countryName(code)).not.toBe(code);
  });

  it('writes whole numbers with a comma between thousands', () => {
    expect(wholeNumber(0)).toBe('0');
    expect(wholeNumber(950)).toBe('950');
    expect(wholeNumber(1000)).toBe('1,000');
    expect(wholeNumber(12500)).toBe('12,500');
    expect(wholeNumber(1234567)).toBe('1,234,567');
    expect(wholeNumber(-4200)).toBe('-4,200');
  });
});
