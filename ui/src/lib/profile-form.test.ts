import { describe, expect, it } from 'vitest';
import { defaultCertification, defaultRisk, emptyProfile, errorsByField, toPayload } from './profile-form';

describe('profile form helpers', () => {
  it('switches a risk tier to a value of the right shape', () => {
    expect(defaultRisk('high_risk_annex_iii')).toEqual({ tier: 'high_risk_annex_iii', area: 'employment' });
    expect(defaultRisk('prohibited')).toHaveProperty('practice');
    expect(defaultRisk('minimal')).toEqual({ tier: 'minimal' });
  });

  it('gives each certification kind its own fields', () => {
    expect(Object.keys(defaultCertification('soc2')).sort()).toEqual(['kind', 'period_end', 'report_type']);
    expect(defaultCertification('other')).toEqual({ kind: 'other', name: '', obtained_on: '' });
  });

  it('sends empty optional dates as null and an unset head count as 0', () => {
    const p = emptyProfile();
    p.employees = Number.NaN;
    p.pressures.push({ party: 'board', asks_for: 'iso27001', detail: '', deals_blocked: false, deadline: '' });
    p.certifications.push({ kind: 'iso27001', certified_on: '2025-01-01', expires_on: '' });
    const payload = toPayload(p);
    expect(payload.employees).toBe(0);
    expect(payload.pressures[0]?.deadline).toBeNull();
    expect(payload.certifications[0]).toEqual({ kind: 'iso27001', certified_on: '2025-01-01', expires_on: null });
    // The draft itself is left alone.
    expect(p.pressures[0]?.deadline).toBe('');
  });

  it('joins errors by field', () => {
    const byField = errorsByField([
      { field: 'name', message: 'must not be empty' },
      { field: 'markets', message: 'a' },
      { field: 'markets', message: 'b' },
    ]);
    expect(byField).toEqual({ name: 'must not be empty', markets: 'a; b' });
  });
});
