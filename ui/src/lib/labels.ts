// Words a consultant reads for the values the backend uses. Each table is typed against the
// generated union, so a new Rust variant without a label fails the type check.

import type {
  AiRole,
  AnnexIiiArea,
  Ask,
  Market,
  Offering,
  Party,
  ProhibitedPractice,
  Sector,
  AiRisk,
  ClientSort,
  Fact,
  ServiceFacts,
} from './bindings';

export const sectorLabels: Record<Sector, string> = {
  software: 'Software and SaaS',
  financial_services: 'Financial services',
  insurance: 'Insurance',
  healthcare: 'Healthcare',
  life_sciences: 'Life sciences',
  manufacturing: 'Manufacturing',
  automotive: 'Automotive',
  energy: 'Energy and utilities',
  telecommunications: 'Telecommunications',
  public_sector: 'Public sector',
  education: 'Education',
  retail: 'Retail and e-commerce',
  logistics: 'Logistics and transport',
  professional_services: 'Professional services',
  media: 'Media and entertainment',
  other: 'Other',
};

export const marketLabels: Record<Market, string> = {
  us: 'United States',
  eu: 'European Union',
  uk: 'United Kingdom',
  other: 'Other markets',
};

export const offeringLabels: Record<Offering, string> = {
  service_processing_customer_data: 'SaaS or managed service that processes customer data',
  builds_ai: 'Builds AI products or features',
  deploys_third_party_ai: 'Deploys AI from other vendors in its business',
  internal_ai_only: 'Uses AI internally only',
  none: 'None of these',
};

export const roleLabels: Record<AiRole, string> = {
  provider: 'Provider',
  deployer: 'Deployer',
  importer: 'Importer',
  distributor: 'Distributor',
  authorised_representative: 'Authorised representative',
  product_manufacturer: 'Product manufacturer',
};

export type Tier = AiRisk['tier'];

export const tierLabels: Record<Tier, string> = {
  prohibited: 'Prohibited practice (Art. 5)',
  high_risk_annex_i: 'High-risk: product under Annex I',
  high_risk_annex_iii: 'High-risk: use area in Annex III',
  transparency: 'Transparency duties (Art. 50)',
  minimal: 'Minimal risk',
};

export const areaLabels: Record<AnnexIiiArea, string> = {
  biometrics: '1. Biometrics',
  critical_infrastructure: '2. Critical infrastructure',
  education: '3. Education and vocational training',
  employment: '4. Employment and worker management',
  essential_services: '5. Essential private and public services',
  law_enforcement: '6. Law enforcement',
  migration_border_control: '7. Migration, asylum and border control',
  justice_democracy: '8. Justice and democratic processes',
};

export const practiceLabels: Record<ProhibitedPractice, string> = {
  manipulative_techniques: '(a) Manipulative or deceptive techniques',
  exploiting_vulnerabilities: '(b) Exploiting vulnerabilities',
  social_scoring: '(c) Social scoring',
  crime_prediction_by_profiling: '(d) Crime prediction by profiling alone',
  untargeted_facial_scraping: '(e) Untargeted scraping of facial images',
  emotion_recognition_work_education: '(f) Emotion recognition at work or in education',
  sensitive_biometric_categorisation: '(g) Biometric categorisation by sensitive traits',
  real_time_remote_biometric_identification: '(h) Real-time remote biometric identification for policing',
};

export const partyLabels: Record<Party, string> = {
  us_customers: 'US customers',
  eu_customers: 'EU customers',
  uk_customers: 'UK customers',
  other_customers: 'Other customers',
  regulator: 'A regulator',
  investors: 'Investors',
  board: 'The board (supervisory body)',
  partners: 'Partners',
  insurer: 'An insurer',
  other: 'Someone else',
};

export const askLabels: Record<Ask, string> = {
  soc2: 'A SOC 2 report',
  iso27001: 'ISO/IEC 27001 certification',
  iso42001: 'ISO/IEC 42001 certification',
  ai_act_compliance: 'EU AI Act compliance',
  data_protection_assurance: 'Assurance that their data is protected',
  ai_governance_assurance: 'Assurance that AI is governed responsibly',
  other: 'Something else',
};

/** The service facts that decide the SOC 2 categories beyond security (rule R13). */
export const serviceFactLabels: Record<keyof ServiceFacts, { question: string; category: string }> = {
  collects_personal_info: {
    question: 'Does the service collect personal information directly from individuals?',
    category: 'Privacy',
  },
  availability_commitments: {
    question: 'Do customers rely on it under availability commitments (an SLA)?',
    category: 'Availability',
  },
  confidential_business_data: {
    question: 'Do customers entrust it with confidential business data?',
    category: 'Confidentiality',
  },
  processes_transactions: {
    question: 'Does it process transactions whose accuracy customers rely on?',
    category: 'Processing integrity',
  },
};

export const factLabels: Record<Fact, string> = {
  yes: 'Yes',
  no: 'No',
  unknown: 'Not known yet (ask)',
};

export const sortLabels: Record<ClientSort, string> = {
  name: 'Name',
  sector: 'Sector',
  employees: 'Employees',
  headquarters: 'Headquarters',
  updated: 'Last change',
};

export function keys<K extends string>(table: Record<K, string>): K[] {
  return Object.keys(table) as K[];
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** "Germany" for "DE"; the code itself when the platform does not know it. */
export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Short framework names by catalogue id, in the order consultants think of them. */
export const frameworkShort: Record<string, string> = {
  iso27001: 'ISO/IEC 27001',
  soc2: 'SOC 2',
  iso42001: 'ISO/IEC 42001',
  eu_ai_act: 'EU AI Act',
};

export function frameworkRank(id: string): number {
  const rank = Object.keys(frameworkShort).indexOf(id);
  return rank < 0 ? 99 : rank;
}
