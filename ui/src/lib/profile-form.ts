// Pure helpers behind the client form: blank values, switching a tagged variant, and turning
// the backend's field errors into a lookup by field path. Validation itself lives in Rust.

import type {
  AiRisk,
  AiSystem,
  AnnexIiiArea,
  Certification,
  ClientProfile,
  Contact,
  FieldError,
  MarketEntry,
  Pressure,
  RegulatoryFacts,
  TransparencyFacts,
} from './bindings';
import { AI_ACT_LEGACY_CUTOFF } from './bindings';
import { pointsOf, type MarketState, type Tier } from './labels';

export function emptyProfile(): ClientProfile {
  return {
    name: '',
    sector: 'software',
    employees: 0,
    headquarters: '',
    markets: [],
    offerings: [],
    ai_systems: [],
    certifications: [],
    pressures: [],
    contacts: [],
    notes: '',
    service: {
      collects_personal_info: 'unknown',
      availability_commitments: 'unknown',
      confidential_business_data: 'unknown',
      processes_transactions: 'unknown',
    },
    regulatory: emptyRegulatory(),
  };
}

/** The GDPR, NIS2 and NIST AI RMF facts, none known yet: the advice asks rather than guesses. */
export function emptyRegulatory(): RegulatoryFacts {
  return {
    eu_establishment: 'unknown',
    personal_data: 'unknown',
    gdpr_role: 'unknown',
    targets_people_in_eu: 'unknown',
    special_category_data: 'unknown',
    transfers_outside_eea: 'unknown',
    dpo_trigger: 'unknown',
    high_risk_processing: 'unknown',
    nis2_entity: null,
    annual_turnover_eur_m: null,
    balance_sheet_eur_m: null,
    us_enterprise_or_public_buyers: 'unknown',
  };
}

/** A stored profile ready for the form: a profile saved before these facts existed gets them, unknown. */
export function forForm(profile: ClientProfile): ClientProfile & { regulatory: RegulatoryFacts } {
  return { ...profile, regulatory: { ...emptyRegulatory(), ...profile.regulatory } };
}

export function defaultRisk(tier: Tier): AiRisk {
  switch (tier) {
    case 'prohibited':
      return { tier, practice: 'manipulative_techniques' };
    case 'high_risk_annex_i':
      return { tier, product: '' };
    case 'high_risk_annex_iii':
      return { tier, area: 'employment', point: 'unknown' };
    case 'transparency':
    case 'minimal':
      return { tier };
  }
}

/** Every transparency fact not known yet. */
export function unknownTransparency(): TransparencyFacts {
  return {
    interacts_with_people: 'unknown',
    generates_content: 'unknown',
    emotion_recognition: 'unknown',
    biometric_categorisation: 'unknown',
    deep_fake: 'unknown',
    public_interest_text: 'unknown',
  };
}

/** A new system: every fact that decides an EU AI Act duty starts as "not known yet". */
export function emptyAiSystem(): AiSystem {
  return {
    name: '',
    purpose: '',
    roles: ['deployer'],
    risk: { tier: 'minimal' },
    general_purpose: false,
    systemic_risk: false,
    deployer_type: 'unknown',
    provider_establishment: 'unknown',
    law_enforcement_use: 'unknown',
    transparency: unknownTransparency(),
    market_entry: { state: 'unknown' },
    significant_change: 'unknown',
    public_authority_use: 'unknown',
    not_high_risk_assessment: 'unknown',
  };
}

/** Moves a system to another Annex III area; a sub-point of the old area becomes unknown. */
export function setArea(system: AiSystem, area: AnnexIiiArea): void {
  if (system.risk.tier !== 'high_risk_annex_iii') return;
  const point = system.risk.point;
  system.risk = {
    tier: 'high_risk_annex_iii',
    area,
    point: point !== 'unknown' && (pointsOf(area) as string[]).includes(point) ? point : 'unknown',
  };
}

/** The market entry for a chosen state, keeping a date already entered. */
export function marketEntry(state: MarketState, previous: MarketEntry): MarketEntry {
  if (state === 'placed') return { state, on: previous.state === 'placed' ? previous.on : '' };
  return { state };
}

/** Placed on the market before the Art. 111(2) cut-off (the core's calendar date): whether a
 * significant change since then matters for this system. */
export function placedBeforeCutoff(system: AiSystem): boolean {
  return (
    system.market_entry.state === 'placed' &&
    system.market_entry.on !== '' &&
    system.market_entry.on < AI_ACT_LEGACY_CUTOFF
  );
}

export type CertificationKind = Certification['kind'];

export const certificationLabels: Record<CertificationKind, string> = {
  iso27001: 'ISO/IEC 27001 certificate',
  iso42001: 'ISO/IEC 42001 certificate',
  soc2: 'SOC 2 report',
  other: 'Other certification',
};

export function defaultCertification(kind: CertificationKind): Certification {
  switch (kind) {
    case 'iso27001':
    case 'iso42001':
      return { kind, certified_on: '', expires_on: null };
    case 'soc2':
      return { kind, report_type: 'type2', period_end: '' };
    case 'other':
      return { kind, name: '', obtained_on: '' };
  }
}

export function emptyPressure(): Pressure {
  return { party: 'us_customers', asks_for: 'soc2', detail: '', deals_blocked: false, deadline: null };
}

export function emptyContact(): Contact {
  return { name: '', role: '', email: '', phone: '' };
}

/** A copy fit to send: empty optional dates become null, an unset head count becomes 0. */
export function toPayload(profile: ClientProfile): ClientProfile {
  const copy: ClientProfile = structuredClone($stateSnapshotSafe(profile));
  copy.employees = Number.isFinite(copy.employees) ? Math.trunc(copy.employees) : 0;
  for (const p of copy.pressures) if (!p.deadline) p.deadline = null;
  for (const c of copy.certifications) {
    if ((c.kind === 'iso27001' || c.kind === 'iso42001') && !c.expires_on) c.expires_on = null;
  }
  // An emptied money figure is "not known" (null), never 0: a 0 would decide the NIS2 size.
  if (copy.regulatory) {
    const known = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
    copy.regulatory.annual_turnover_eur_m = known(copy.regulatory.annual_turnover_eur_m);
    copy.regulatory.balance_sheet_eur_m = known(copy.regulatory.balance_sheet_eur_m);
  }
  return copy;
}

// Svelte state proxies cannot be structured-cloned directly; a JSON copy is enough for plain data.
function $stateSnapshotSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Field path → message. Several errors at one field are joined. */
export function errorsByField(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] = out[e.field] ? `${out[e.field]}; ${e.message}` : e.message;
  return out;
}

/** Messages for fields the form does not show next to an input (so none is lost). */
export function unplacedErrors(errors: FieldError[], placed: (field: string) => boolean): FieldError[] {
  return errors.filter((e) => !placed(e.field));
}
