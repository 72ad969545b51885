// Pure helpers behind the client form: blank values, switching a tagged variant, and turning
// the backend's field errors into a lookup by field path. Validation itself lives in Rust.

import type { AiRisk, AiSystem, Certification, ClientProfile, Contact, FieldError, Pressure } from './bindings';
import type { Tier } from './labels';

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
  };
}

export function defaultRisk(tier: Tier): AiRisk {
  switch (tier) {
    case 'prohibited':
      return { tier, practice: 'manipulative_techniques' };
    case 'high_risk_annex_i':
      return { tier, product: '' };
    case 'high_risk_annex_iii':
      return { tier, area: 'employment' };
    case 'transparency':
    case 'minimal':
      return { tier };
  }
}

export function emptyAiSystem(): AiSystem {
  return { name: '', purpose: '', roles: ['deployer'], risk: { tier: 'minimal' }, general_purpose: false, systemic_risk: false };
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
