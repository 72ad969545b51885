import { describe, expect, it } from 'vitest';
import {
  defaultCertification,
  defaultRisk,
  emptyAiSystem,
  emptyProfile,
  emptyRegulatory,
  errorsByField,
  forForm,
  marketEntry,
  placedBeforeCutoff,
  setArea,
  toPayload,
} from './profile-form';
import { nis2EntityGroups, nis2EntityLabels, pointsOf } from './labels';

describe('profile form helpers', () => {
  it('starts every GDPR, NIS2 and NIST AI RMF fact as not known, and fills them into an older profile', () => {
    const facts = emptyRegulatory();
    expect(Object.values(facts).every((v) => v === 'unknown' || v === null)).toBe(true);
    const older = emptyProfile();
    delete older.regulatory;
    expect(forForm(older).regulatory).toEqual(facts);
    const answered = { ...emptyProfile(), regulatory: { ...facts, personal_data: 'yes' as const } };
    expect(forForm(answered).regulatory.personal_data).toBe('yes');
  });

  it('sends an emptied turnover or balance sheet as not known, never as 0', () => {
    const p = emptyProfile();
    p.regulatory = { ...emptyRegulatory(), annual_turnover_eur_m: Number.NaN, balance_sheet_eur_m: 43 };
    const sent = toPayload(p).regulatory;
    expect(sent?.annual_turnover_eur_m).toBeNull();
    expect(sent?.balance_sheet_eur_m).toBe(43);
  });

  it('puts every NIS2 entity type in exactly one annex group', () => {
    const grouped = nis2EntityGroups.flatMap((g) => g.entities);
    expect([...grouped].sort()).toEqual(Object.keys(nis2EntityLabels).sort());
    expect(new Set(grouped).size).toBe(grouped.length);
  });

  it('switches a risk tier to a value of the right shape', () => {
    expect(defaultRisk('high_risk_annex_iii')).toEqual({ tier: 'high_risk_annex_iii', area: 'employment', point: 'unknown' });
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

  it('starts every fact that decides an AI Act duty as not known', () => {
    const s = emptyAiSystem();
    expect(s.deployer_type).toBe('unknown');
    expect(s.provider_establishment).toBe('unknown');
    expect(s.law_enforcement_use).toBe('unknown');
    expect(Object.values(s.transparency)).toEqual(Array(6).fill('unknown'));
    expect(s.market_entry).toEqual({ state: 'unknown' });
    expect(s.significant_change).toBe('unknown');
    expect(s.public_authority_use).toBe('unknown');
    expect(s.not_high_risk_assessment).toBe('unknown');
  });

  it('lists the Annex III sub-points of each area', () => {
    expect(pointsOf('essential_services')).toEqual(['5(a)', '5(b)', '5(c)', '5(d)']);
    expect(pointsOf('critical_infrastructure')).toEqual(['2']);
    expect(pointsOf('law_enforcement')).toHaveLength(5);
  });

  it('keeps a sub-point only within its area', () => {
    const s = emptyAiSystem();
    s.risk = { tier: 'high_risk_annex_iii', area: 'essential_services', point: '5(b)' };
    setArea(s, 'essential_services');
    expect(s.risk).toEqual({ tier: 'high_risk_annex_iii', area: 'essential_services', point: '5(b)' });
    setArea(s, 'employment');
    expect(s.risk).toEqual({ tier: 'high_risk_annex_iii', area: 'employment', point: 'unknown' });
  });

  it('switches the market entry and asks about changes only for systems placed before the cut-off', () => {
    const s = emptyAiSystem();
    s.market_entry = marketEntry('placed', s.market_entry);
    expect(s.market_entry).toEqual({ state: 'placed', on: '' });
    expect(placedBeforeCutoff(s)).toBe(false);
    s.market_entry = { state: 'placed', on: '2025-03-01' };
    expect(placedBeforeCutoff(s)).toBe(true);
    expect(marketEntry('placed', s.market_entry)).toEqual({ state: 'placed', on: '2025-03-01' });
    s.market_entry = { state: 'placed', on: '2026-09-01' };
    expect(placedBeforeCutoff(s)).toBe(false);
    expect(marketEntry('not_yet', s.market_entry)).toEqual({ state: 'not_yet' });
  });
});
