// Words a consultant reads for the values the backend uses. Each table is typed against the
// generated union, so a new Rust variant without a label fails the type check. The frameworks'
// names and the statuses' labels are the core's own, generated into bindings.ts.

import {
  COUNTRY_NAMES,
  RATED_FRAMEWORKS,
  SHIPPED_FRAMEWORKS,
  frameworkNames as generatedFrameworkNames,
} from './bindings';
import type {
  AiRole,
  AnnexIiiArea,
  AnnexIiiPoint,
  Answer,
  DeployerType,
  Establishment,
  MarketEntry,
  TransparencyFacts,
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
  ScopeFramework,
  GdprRole,
  Nis2Class,
  Nis2Entity,
  Nis2Size,
  RegulatoryFacts,
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
  non_consensual_intimate_imagery: 'Intimate images of real people without consent (added 2026, from 2 Dec 2026)',
  child_sexual_abuse_material: 'Child sexual abuse material (added 2026, from 2 Dec 2026)',
};

/** Every answer shows "not known yet": the advice then asks rather than guesses. */
export const answerLabels: Record<Answer, string> = {
  unknown: 'Not known yet: ask',
  yes: 'Yes',
  no: 'No',
};

export const deployerTypeLabels: Record<DeployerType, string> = {
  unknown: 'Not known yet: ask',
  public_body: 'A public authority or a body governed by public law',
  private_public_service: 'A private organisation providing a public service (e.g. a school, hospital or care provider)',
  private: 'Another private organisation',
};

export const establishmentLabels: Record<Establishment, string> = {
  unknown: 'Not known yet (an EU headquarters answers it; otherwise ask)',
  eu: 'In the EU (the entity that sells it is established there)',
  outside_eu: 'Only outside the EU',
};

export type MarketState = MarketEntry['state'];

export const marketEntryLabels: Record<MarketState, string> = {
  unknown: 'Not known yet: ask',
  not_yet: 'Not yet on the market or in use',
  placed: 'On the market or in use since…',
};

export const transparencyLabels: Record<keyof TransparencyFacts, string> = {
  interacts_with_people: 'Talks or chats with people directly (e.g. a chatbot or voice assistant)',
  generates_content: 'Generates text, images, audio or video',
  emotion_recognition: 'Recognises people’s emotions or intentions',
  biometric_categorisation: 'Sorts people into groups from biometric data (face, voice, body)',
  deep_fake: 'The client uses it to make realistic images, audio or video of real people, places or events',
  public_interest_text: 'The client publishes its text to inform the public, without an editor checking it',
};

/** Annex III sub-points with the Regulation's numbering, in the Annex's order. */
export const pointLabels: Record<Exclude<AnnexIiiPoint, 'unknown'>, string> = {
  '1(a)': '1(a) Remote biometric identification',
  '1(b)': '1(b) Biometric categorisation by sensitive traits',
  '1(c)': '1(c) Emotion recognition',
  '2': '2 Safety component of critical infrastructure',
  '3(a)': '3(a) Admission or access to education',
  '3(b)': '3(b) Evaluating learning outcomes',
  '3(c)': '3(c) Deciding the level of education a person gets',
  '3(d)': '3(d) Monitoring students during tests',
  '4(a)': '4(a) Recruitment: job ads, screening or rating applicants',
  '4(b)': '4(b) Decisions on workers: promotion, termination, tasks, monitoring',
  '5(a)': '5(a) Eligibility for public benefits and services',
  '5(b)': '5(b) Creditworthiness or credit scores (not fraud detection)',
  '5(c)': '5(c) Risk and pricing in life and health insurance',
  '5(d)': '5(d) Emergency calls, dispatch and triage',
  '6(a)': '6(a) Risk of a person becoming a victim of crime',
  '6(b)': '6(b) Polygraphs and similar tools',
  '6(c)': '6(c) Reliability of evidence',
  '6(d)': '6(d) Risk of offending or re-offending',
  '6(e)': '6(e) Profiling in criminal investigations',
  '7(a)': '7(a) Polygraphs and similar tools',
  '7(b)': '7(b) Risks posed by people entering the EU',
  '7(c)': '7(c) Examining asylum, visa or residence applications',
  '7(d)': '7(d) Detecting or identifying people (not checking travel documents)',
  '8(a)': '8(a) Assisting courts or dispute resolution',
  '8(b)': '8(b) Influencing elections or voting behaviour',
};

/** The sub-points of an Annex III area (its number is the first character). */
export function pointsOf(area: AnnexIiiArea): Exclude<AnnexIiiPoint, 'unknown'>[] {
  const number = areaLabels[area].split('.')[0];
  return keys(pointLabels).filter((p) => p.split('(')[0] === number);
}

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
  nist_ai_rmf: 'The NIST AI RMF, by name',
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

/** The yes / no / not-known-yet facts that decide the GDPR, NIS2 and NIST AI RMF verdicts (R17 to R19). */
export const regulatoryFactLabels: Record<RegulatoryFact, { question: string; decides: string }> = {
  eu_establishment: {
    question: 'Does the client have a branch, subsidiary or office in the EU? (an EU headquarters answers yes)',
    decides: 'GDPR Art. 3(1); NIS2',
  },
  personal_data: {
    question: 'Does it process personal data of people in the EU or the UK? (staff data counts)',
    decides: 'GDPR',
  },
  targets_people_in_eu: {
    question: 'Does it offer goods or services to people in the EU, or monitor their behaviour there?',
    decides: 'GDPR Art. 3(2)',
  },
  special_category_data: {
    question: 'Does it process special categories of data (health, biometric, genetic, beliefs, ...)?',
    decides: 'GDPR Art. 9',
  },
  transfers_outside_eea: {
    question: 'Does it transfer personal data to countries outside the EEA (including to its own providers)?',
    decides: 'GDPR Arts. 44 to 49',
  },
  dpo_trigger: {
    question:
      'Are its core activities large-scale regular and systematic monitoring of people, or large-scale processing of special categories?',
    decides: 'GDPR Art. 37 (data protection officer)',
  },
  high_risk_processing: {
    question: 'Is any of its processing likely to result in a high risk to people (profiling, new technology, ...)?',
    decides: 'GDPR Art. 35 (impact assessment)',
  },
  us_enterprise_or_public_buyers: {
    question: 'Does it sell AI to US enterprise or public-sector buyers?',
    decides: 'NIST AI RMF',
  },
};

/** The facts of `RegulatoryFacts` that are answered yes / no / not known yet. */
export type RegulatoryFact = {
  [K in keyof RegulatoryFacts]-?: RegulatoryFacts[K] extends Fact ? K : never;
}[keyof RegulatoryFacts];

export const gdprRoleLabels: Record<GdprRole, string> = {
  controller: 'Controller (decides why and how)',
  processor: 'Processor (on behalf of its customers)',
  both: 'Both',
  unknown: 'Not known yet (ask)',
};

/** The NIS2 entity types (Annexes I and II of Directive (EU) 2022/2555). */
export const nis2EntityLabels: Record<Nis2Entity, string> = {
  internet_exchange_point: 'Internet exchange point',
  dns_service_provider: 'DNS service provider (not root name servers)',
  tld_name_registry: 'Top-level domain name registry',
  cloud_computing: 'Cloud computing service provider (IaaS, PaaS, and SaaS per recital 33)',
  data_centre: 'Data centre service provider',
  content_delivery_network: 'Content delivery network provider',
  qualified_trust_service_provider: 'Qualified trust service provider',
  trust_service_provider: 'Trust service provider (not qualified)',
  public_electronic_communications: 'Public electronic communications network or service',
  managed_service_provider: 'Managed service provider',
  managed_security_service_provider: 'Managed security service provider',
  energy: 'Energy',
  transport: 'Transport',
  banking: 'Banking',
  financial_market_infrastructure: 'Financial market infrastructure',
  health: 'Health',
  drinking_water: 'Drinking water',
  waste_water: 'Waste water',
  public_administration_central: 'Public administration: central government',
  public_administration_regional: 'Public administration: regional',
  space: 'Space',
  online_marketplace: 'Online marketplace',
  online_search_engine: 'Online search engine',
  social_networking_platform: 'Social networking platform',
  postal_courier: 'Postal and courier services',
  waste_management: 'Waste management',
  chemicals: 'Chemicals',
  food: 'Food production, processing and distribution',
  manufacturing: 'Manufacturing (Annex II list)',
  research: 'Research organisation',
  none: 'None of the above',
};

/** The entity types grouped as the Directive's annexes group them (every type in one group). */
export const nis2EntityGroups: { label: string; entities: Nis2Entity[] }[] = [
  { label: 'Annex I: digital infrastructure', entities: ['internet_exchange_point', 'dns_service_provider', 'tld_name_registry', 'cloud_computing', 'data_centre', 'content_delivery_network', 'qualified_trust_service_provider', 'trust_service_provider', 'public_electronic_communications'] },
  { label: 'Annex I: ICT service management (business to business)', entities: ['managed_service_provider', 'managed_security_service_provider'] },
  { label: 'Annex I: other sectors of high criticality', entities: ['energy', 'transport', 'banking', 'financial_market_infrastructure', 'health', 'drinking_water', 'waste_water', 'public_administration_central', 'public_administration_regional', 'space'] },
  { label: 'Annex II: other critical sectors', entities: ['online_marketplace', 'online_search_engine', 'social_networking_platform', 'postal_courier', 'waste_management', 'chemicals', 'food', 'manufacturing', 'research'] },
  { label: 'Neither annex', entities: ['none'] },
];

export const nis2ClassLabels: Record<Nis2Class, string> = {
  essential: 'Essential entity',
  important: 'Important entity',
  not_in_scope: 'Not in scope',
  undetermined: 'Not determined yet',
};

export const nis2SizeLabels: Record<Nis2Size, string> = {
  large: 'large enterprise',
  medium: 'medium-sized enterprise',
  small: 'small or micro enterprise',
  medium_or_large: 'medium-sized or large',
  undetermined: 'size not determined',
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

/** "Germany" for "DE" (the core's list of countries); the code itself for one it does not know. */
export function countryName(code: string): string {
  return COUNTRY_NAMES[code] ?? code;
}

/** A whole number with a comma between thousands, as English writes it ("12,500"). Written here
 * rather than with `toLocaleString`: the portfolio's first screen then needs none of the
 * platform's locale data (several MB of the window's memory). */
export function wholeNumber(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  return (n < 0 ? '-' : '') + digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Short framework names by catalogue id, in scope order (generated from the core). */
export const frameworkShort: Record<string, string> = generatedFrameworkNames;

/** The frameworks the recommendation rates, by their short names. */
export const frameworkNames = Object.fromEntries(
  RATED_FRAMEWORKS.map((id) => [id, generatedFrameworkNames[id] ?? id]),
) as Record<ScopeFramework, string>;

/** Where a framework sorts: shipped ones in scope order, then the rest. */
export function frameworkRank(id: string): number {
  const rank = SHIPPED_FRAMEWORKS.indexOf(id);
  return rank < 0 ? 99 : rank;
}
