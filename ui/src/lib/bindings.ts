// Generated from the Rust types in crates/core by ts-rs. Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test -p crosswalk-core bindings` instead.

export type IsoDate = string;

export type ClientId = string;

export type ClientProfile = { name: string, sector: Sector, 
/**
 * Head count.
 */
employees: number, 
/**
 * Headquarters country, ISO 3166-1 alpha-2 (`DE`, `US`, ...).
 */
headquarters: string, 
/**
 * Markets the client sells into.
 */
markets: Array<Market>, 
/**
 * What the client offers.
 */
offerings: Array<Offering>, ai_systems: Array<AiSystem>, 
/**
 * Certifications and attestation reports the client already holds.
 */
certifications: Array<Certification>, 
/**
 * Who is asking the client for what.
 */
pressures: Array<Pressure>, contacts: Array<Contact>, notes: string, 
/**
 * What the service does for its customers: decides the SOC 2 categories beyond security
 * (R13). Unknown facts produce a question for the consultant, not a guess.
 */
service: ServiceFacts, 
/**
 * Facts that decide the GDPR, NIS2 and NIST AI RMF verdicts (R17 to R19). Every fact defaults
 * to unknown (or unset), so a profile written before them keeps loading; an unknown fact
 * that decides something becomes a question for the consultant.
 */
regulatory?: RegulatoryFacts, };

export type Sector = "software" | "financial_services" | "insurance" | "healthcare" | "life_sciences" | "manufacturing" | "automotive" | "energy" | "telecommunications" | "public_sector" | "education" | "retail" | "logistics" | "professional_services" | "media" | "other";

export type Market = "us" | "eu" | "uk" | "other";

export type Offering = "service_processing_customer_data" | "builds_ai" | "deploys_third_party_ai" | "internal_ai_only" | "none";

export type AiSystem = { name: string, purpose: string, 
/**
 * The client's roles for this system under the EU AI Act.
 */
roles: Array<AiRole>, risk: AiRisk, 
/**
 * Whether the system is (or is built on) a general-purpose AI model the client provides.
 */
general_purpose: boolean, 
/**
 * A general-purpose model with systemic risk (Art. 51).
 */
systemic_risk: boolean, 
/**
 * As a deployer: what kind of body the client is (Arts. 26(8), 27, 49(3)).
 */
deployer_type: DeployerType, 
/**
 * As a provider: where the client, providing this system, is established (Arts. 22, 54).
 */
provider_establishment: Establishment, 
/**
 * Used by or on behalf of law enforcement authorities (Art. 26(10), Annex III point 6).
 */
law_enforcement_use: Answer, 
/**
 * What the system does that brings the transparency duties of Art. 50, whatever its tier.
 */
transparency: TransparencyFacts, 
/**
 * When the system was placed on the market or put into service (Art. 111 transitions).
 */
market_entry: MarketEntry, 
/**
 * Significantly changed in its design since the transition cut-off (Art. 111(2)).
 */
significant_change: Answer, 
/**
 * Intended to be used by public authorities: a high-risk system already on the market then
 * still complies by the Art. 111(2) deadline, changed or not.
 */
public_authority_use: Answer, 
/**
 * For an Annex III system: the provider documented that it is not high-risk (Art. 6(3)),
 * so it registers under Art. 49(2) instead of carrying the high-risk duties.
 */
not_high_risk_assessment: Answer, };

export type AiRole = "provider" | "deployer" | "importer" | "distributor" | "authorised_representative" | "product_manufacturer";

export type AiRisk = { "tier": "prohibited", practice: ProhibitedPractice, } | { "tier": "high_risk_annex_i", 
/**
 * The product area, e.g. "medical devices" or "machinery".
 */
product: string, } | { "tier": "high_risk_annex_iii", area: AnnexIiiArea, 
/**
 * The sub-point of the area, where the area has several; `unknown` makes the advice ask
 * when the sub-point decides an obligation.
 */
point: AnnexIiiPoint, } | { "tier": "transparency" } | { "tier": "minimal" };

export type ProhibitedPractice = "manipulative_techniques" | "exploiting_vulnerabilities" | "social_scoring" | "crime_prediction_by_profiling" | "untargeted_facial_scraping" | "emotion_recognition_work_education" | "sensitive_biometric_categorisation" | "real_time_remote_biometric_identification" | "non_consensual_intimate_imagery" | "child_sexual_abuse_material";

export type AnnexIiiArea = "biometrics" | "critical_infrastructure" | "education" | "employment" | "essential_services" | "law_enforcement" | "migration_border_control" | "justice_democracy";

export type AnnexIiiPoint = "unknown" | "1(a)" | "1(b)" | "1(c)" | "2" | "3(a)" | "3(b)" | "3(c)" | "3(d)" | "4(a)" | "4(b)" | "5(a)" | "5(b)" | "5(c)" | "5(d)" | "6(a)" | "6(b)" | "6(c)" | "6(d)" | "6(e)" | "7(a)" | "7(b)" | "7(c)" | "7(d)" | "8(a)" | "8(b)";

export type DeployerType = "unknown" | "public_body" | "private_public_service" | "private";

export type Establishment = "unknown" | "eu" | "outside_eu";

export type Answer = "unknown" | "yes" | "no";

export type TransparencyFacts = { 
/**
 * Meant to interact directly with people (a chatbot, a voice agent): Art. 50(1).
 */
interacts_with_people: Answer, 
/**
 * Generates synthetic audio, images, video or text: Art. 50(2).
 */
generates_content: Answer, 
/**
 * Recognises emotions: Art. 50(3).
 */
emotion_recognition: Answer, 
/**
 * Sorts people into categories from biometric data: Art. 50(3).
 */
biometric_categorisation: Answer, 
/**
 * Its output is used as a deep fake (image, audio or video resembling real people, places or events): Art. 50(4).
 */
deep_fake: Answer, 
/**
 * Writes or edits text published to inform the public on matters of public interest: Art. 50(4).
 */
public_interest_text: Answer, };

export type MarketEntry = { "state": "unknown" } | { "state": "not_yet" } | { "state": "placed", on: IsoDate, };

export type Certification = { "kind": "iso27001", certified_on: IsoDate, expires_on?: IsoDate | null, } | { "kind": "iso42001", certified_on: IsoDate, expires_on?: IsoDate | null, } | { "kind": "soc2", report_type: Soc2Type, 
/**
 * End of the period a Type II report covers; the "as of" date of a Type I report.
 */
period_end: IsoDate, } | { "kind": "other", name: string, obtained_on: IsoDate, };

export type Soc2Type = "type1" | "type2";

export type Pressure = { party: Party, asks_for: Ask, 
/**
 * In the consultant's words: what exactly they ask, who, how often.
 */
detail: string, deals_blocked: boolean, deadline?: IsoDate | null, };

export type Party = "us_customers" | "eu_customers" | "uk_customers" | "other_customers" | "regulator" | "investors" | "board" | "partners" | "insurer" | "other";

export type Ask = "soc2" | "iso27001" | "iso42001" | "ai_act_compliance" | "data_protection_assurance" | "ai_governance_assurance" | "nist_ai_rmf" | "other";

export type Contact = { name: string, role: string, email: string, phone: string, };

export type ServiceFacts = { 
/**
 * The service collects personal information directly from individuals (privacy).
 */
collects_personal_info: Fact, 
/**
 * Customers rely on the service under availability commitments, e.g. an SLA (availability).
 */
availability_commitments: Fact, 
/**
 * Customers entrust the service with confidential business data (confidentiality).
 */
confidential_business_data: Fact, 
/**
 * The service processes transactions whose accuracy customers rely on (processing integrity).
 */
processes_transactions: Fact, };

export type Fact = "yes" | "no" | "unknown";

export type RegulatoryFacts = { 
/**
 * A branch, subsidiary or office in the EU (an EU `headquarters` answers yes): GDPR Art. 3(1),
 * NIS2 Art. 26.
 */
eu_establishment: Fact, 
/**
 * Processes personal data of people in the EU (or the UK). An employer always processes its
 * staff's data.
 */
personal_data: Fact, 
/**
 * The client's role under the GDPR for the processing that matters.
 */
gdpr_role: GdprRole, 
/**
 * Offers goods or services to people in the EU, or monitors their behaviour there (GDPR
 * Art. 3(2)).
 */
targets_people_in_eu: Fact, 
/**
 * Processes special categories of personal data (GDPR Art. 9: health, biometric, genetic data, ...).
 */
special_category_data: Fact, 
/**
 * Transfers personal data to countries outside the EEA (GDPR Chapter V).
 */
transfers_outside_eea: Fact, 
/**
 * Its core activities are large-scale regular and systematic monitoring of people, or
 * large-scale processing of special categories (GDPR Art. 37(1)(b), (c)).
 */
dpo_trigger: Fact, 
/**
 * Processing likely to result in a high risk to people (GDPR Art. 35).
 */
high_risk_processing: Fact, 
/**
 * The NIS2 entity type (Annexes I and II of Directive (EU) 2022/2555); unset: not answered yet.
 */
nis2_entity?: Nis2Entity | null, 
/**
 * Annual turnover in million EUR (size cap, Commission Recommendation 2003/361/EC).
 */
annual_turnover_eur_m?: number | null, 
/**
 * Annual balance-sheet total in million EUR.
 */
balance_sheet_eur_m?: number | null, 
/**
 * Sells (AI) to US enterprise or public-sector buyers, who ask for the NIST AI RMF.
 */
us_enterprise_or_public_buyers: Fact, };

export type GdprRole = "controller" | "processor" | "both" | "unknown";

export type Nis2Entity = "energy" | "transport" | "banking" | "financial_market_infrastructure" | "health" | "drinking_water" | "waste_water" | "internet_exchange_point" | "dns_service_provider" | "tld_name_registry" | "cloud_computing" | "data_centre" | "content_delivery_network" | "qualified_trust_service_provider" | "trust_service_provider" | "public_electronic_communications" | "managed_service_provider" | "managed_security_service_provider" | "public_administration_central" | "public_administration_regional" | "space" | "postal_courier" | "waste_management" | "chemicals" | "food" | "manufacturing" | "online_marketplace" | "online_search_engine" | "social_networking_platform" | "research" | "none";

export type Client = { id: ClientId, status: ClientStatus, created_at: string, updated_at: string, profile: ClientProfile, };

export type ClientStatus = "active" | "archived";

export type ClientSummary = { id: ClientId, name: string, sector: Sector, employees: number, headquarters: string, markets: Array<Market>, ai_systems: number, certifications: number, deals_blocked: boolean, status: ClientStatus, updated_at: string, };

export type ListQuery = { 
/**
 * Case-insensitive text to find in the name, sector, country, notes, AI systems or contacts.
 */
search: string, filter: ClientFilter, sort: ClientSort, descending: boolean, };

export type ClientFilter = "active" | "archived" | "all";

export type ClientSort = "name" | "sector" | "employees" | "headquarters" | "updated";

export type DemoOutcome = { 
/**
 * Clients added now.
 */
added: number, 
/**
 * Demo clients that were already there (left as they are).
 */
present: number, };

export type FieldError = { field: string, message: string, };

export type ErrorCode = "invalid" | "not_found" | "ambiguous" | "newer_database" | "database" | "io" | "corrupt" | "internal" | "passphrase_required" | "wrong_passphrase" | "in_use";

export type ErrorReport = { code: ErrorCode, message: string, fields: Array<FieldError>, };

export type Text = { en: string, de: string, };

export type Soc2Category = "security" | "availability" | "confidentiality" | "processing_integrity" | "privacy";

export type Need = "not_needed" | "optional" | "recommended" | "required";

export type RuleId = "R1" | "R2" | "R3" | "R4" | "R5" | "R6" | "R7" | "R8" | "R9" | "R10" | "R11" | "R12" | "R13" | "R14" | "R15" | "R16" | "R17" | "R18" | "R19";

export type Reason = { rule: RuleId, 
/**
 * What this rule alone asks for; `None` for a reason that informs without deciding.
 */
need: Need | null, 
/**
 * The profile answers behind it, as `field: value` (`markets: us`, `pressures[0]: ...`).
 */
triggers: Array<string>, text: Text, };

export type Holding = { 
/**
 * Whether it still counts today (certificate not expired; SOC 2 report within 12 months).
 */
current: boolean, 
/**
 * When it stops counting, if known.
 */
until?: IsoDate | null, text: Text, };

export type Soc2Path = "type1_then_type2" | "type2" | "renew_type2";

export type Soc2CategoryAdvice = { category: Soc2Category, reason: Reason, };

export type Soc2Plan = { path: Soc2Path, 
/**
 * Security is always in scope; these are the categories suggested beyond it.
 */
categories: Array<Soc2CategoryAdvice>, };

export type Nis2Size = "large" | "medium" | "small" | "medium_or_large" | "undetermined";

export type Nis2Class = "essential" | "important" | "not_in_scope" | "undetermined";

export type Nis2Classification = { 
/**
 * The entity type as recorded; `None` when not yet answered.
 */
entity?: Nis2Entity | null, size: Nis2Size, class: Nis2Class, };

export type FrameworkVerdict = { framework: ScopeFramework, need: Need, 
/**
 * Deals are blocked over it, or a deadline is less than six months away (or past).
 */
urgent: boolean, held?: Holding | null, 
/**
 * The verdict in one sentence a client can read.
 */
summary: Text, 
/**
 * Deciding reasons first (strongest first), then informing ones.
 */
reasons: Array<Reason>, 
/**
 * For SOC 2 only: the report type path and the categories beyond security.
 */
soc2?: Soc2Plan | null, 
/**
 * For the GDPR and NIS2 (when the law reaches the client): the requirements that apply, each
 * with the answers that made it apply. Absent for the other frameworks.
 */
obligations?: Array<Obligation>, 
/**
 * Unrecorded facts that decide whether the framework applies or which requirements do, one
 * per field (GDPR, NIS2, NIST AI RMF). Absent when there are none.
 */
questions?: Array<AiQuestion>, 
/**
 * For NIS2 only: essential or important entity, and the size class.
 */
nis2?: Nis2Classification, };

export type Obligation = { requirement_id: string, title: Text, applies_from: IsoDate, 
/**
 * Whether it applies on the date of the recommendation.
 */
in_force: boolean, 
/**
 * The profile answers that made it apply, as `field: value`: the role and tier, then each
 * fact its conditions or a transition (Art. 111) tested.
 */
because: Array<string>, };

export type AiQuestion = { 
/**
 * The profile field that answers it (`ai_systems[0].deployer_type`).
 */
field: string, text: Text, 
/**
 * The obligations that hang on the answer.
 */
requirement_ids: Array<string>, };

export type AiSystemVerdict = { system: string, need: Need, 
/**
 * A prohibited practice: stop before anything else.
 */
stop: boolean, summary: Text, reasons: Array<Reason>, 
/**
 * Applicable obligations, earliest first.
 */
obligations: Array<Obligation>, 
/**
 * Unrecorded facts that decide further obligations (or their dates), one per field.
 */
questions: Array<AiQuestion>, };

export type Recommendation = { 
/**
 * The date the recommendation is made for.
 */
today: IsoDate, 
/**
 * Stop signs (prohibited practices), said first.
 */
stop_signs: Array<Text>, 
/**
 * ISO/IEC 27001, SOC 2, ISO/IEC 42001, the GDPR, NIS2 and the NIST AI RMF, in that order.
 */
frameworks: Array<FrameworkVerdict>, 
/**
 * The EU AI Act, per AI system in the profile's order.
 */
ai_act: Array<AiSystemVerdict>, 
/**
 * A note on the EU AI Act as a whole (no EU exposure, or AI without an inventory).
 */
ai_act_note?: Text | null, };

export type Overrides = { 
/**
 * Do the frameworks in this order (frameworks not named follow in the computed order).
 */
order?: ForcedOrder | null, 
/**
 * Leave these frameworks out of the plan.
 */
excluded: Array<Excluded>, 
/**
 * Start a framework's implementation no earlier than a date.
 */
not_before: Array<NotBefore>, 
/**
 * Audit ISO/IEC 27001 and 42001 separately although an integrated audit is offered.
 */
integrated_audit_declined?: DeclinedIntegratedAudit | null, };

export type OverrideChange = { "change": "order" } & ForcedOrder | { "change": "exclude" } & Excluded | { "change": "not_before" } & NotBefore | { "change": "decline_integrated_audit" } & DeclinedIntegratedAudit | { "change": "accept_integrated_audit" } | { "change": "drop_order" } | { "change": "drop_exclusion", framework: ScopeFramework, } | { "change": "drop_not_before", framework: ScopeFramework, } | { "change": "clear", framework?: ScopeFramework | null, };

export type ForcedOrder = { frameworks: Array<ScopeFramework>, reason: string, };

export type Excluded = { framework: ScopeFramework, reason: string, };

export type NotBefore = { framework: ScopeFramework, date: IsoDate, reason: string, };

export type DeclinedIntegratedAudit = { reason: string, };

export type IntegratedAudit = { 
/**
 * Whether the plan uses it (offered, not declined, and it misses no more deadlines).
 */
applied: boolean, 
/**
 * Auditor-days of the two initial audits done separately (estimate by head count).
 */
separate_initial_days: number, 
/**
 * The most an integrated initial audit may save, in auditor-days (estimate).
 */
initial_days_saved: number, 
/**
 * The most each joint surveillance audit may save, in auditor-days (estimate).
 */
surveillance_days_saved: number, 
/**
 * What it is, what it saves, that it is an estimate, and why it is or is not used.
 */
note: Text, 
/**
 * Where the figures come from.
 */
source: string, };

export type PhaseKind = "stop" | "implementation" | "readiness" | "audit" | "observation" | "ai_act";

export type Phase = { id: string, framework?: ScopeFramework | null, kind: PhaseKind, title: Text, start: IsoDate, end: IsoDate, 
/**
 * Person-days of work in this phase (implementation only).
 */
effort_days: number, };

export type MilestoneKind = "deliverable" | "deadline" | "regulatory" | "audit" | "surveillance";

export type RoadmapMilestone = { id: string, framework?: ScopeFramework | null, kind: MilestoneKind, title: Text, date: IsoDate, 
/**
 * For a deadline: the plan delivers after it.
 */
missed: boolean, };

export type OrderOption = { order: Array<ScopeFramework>, 
/**
 * The first deliverable for the party that presses hardest, if anyone presses.
 */
first_deliverable?: IsoDate | null, 
/**
 * The last deliverable of the plan.
 */
finish?: IsoDate | null, effort_days: number, 
/**
 * Deadlines this order misses, by the pressure's index in the profile.
 */
deadlines_missed: Array<number>, chosen: boolean, };

export type EffortSummary = { 
/**
 * Remaining days of each planned framework done on its own.
 */
alone: Array<FrameworkEffort>, 
/**
 * Remaining days of all planned frameworks together, shared work once.
 */
together: number, 
/**
 * `sum(alone) - together`.
 */
saving: number, };

export type FrameworkEffort = { framework: ScopeFramework, days: number, };

export type Roadmap = { start: IsoDate, capacity_days_per_week: number, 
/**
 * Frameworks to implement, in order.
 */
order: Array<ScopeFramework>, 
/**
 * Frameworks already held and current: kept up, not rebuilt.
 */
maintained: Array<ScopeFramework>, phases: Array<Phase>, milestones: Array<RoadmapMilestone>, 
/**
 * Every order considered, the chosen one marked.
 */
options: Array<OrderOption>, 
/**
 * Why this order, in a few sentences.
 */
why: Array<Text>, effort: EffortSummary, 
/**
 * The consultant's overrides that shaped this plan.
 */
overrides: Overrides, 
/**
 * Offered when ISO/IEC 27001 and 42001 are both planned.
 */
integrated_audit?: IntegratedAudit | null, };

export type Advice = { client: string, recommendation: Recommendation, roadmap: Roadmap, };

export type AdviceSettings = { today: IsoDate, start?: IsoDate | null, 
/**
 * Person-days per week; `None` or 0 for the default of the lifecycle facts.
 */
capacity_days_per_week?: number | null, };

export type Domain = { id: string, name: Text, };

export type Effort = "XS" | "S" | "M" | "L" | "XL";

export type FrameworkKind = "certification" | "attestation" | "regulation" | "guidance";

export type Relationship = "equal" | "subset" | "superset" | "intersect";

export type RequirementKind = "clause" | "subclause" | "annex" | "theme" | "objective" | "control" | "category" | "series" | "criterion" | "chapter" | "section" | "article" | "prohibited_practice" | "obligation" | "paragraph" | "point" | "function" | "subcategory" | "group";

export type AiTier = "prohibited" | "high_risk_annex_i" | "high_risk_annex_iii" | "transparency" | "minimal" | "gpai" | "gpai_systemic";

export type CatalogInfo = { version: string, date: string, content_hash: string, installed_at: string, frameworks: number, requirements: number, assessable: number, controls: number, mappings: number, custom_controls: number, custom_mappings: number, };

export type FrameworkSummary = { id: string, name: string, kind: FrameworkKind, title: Text, 
/**
 * Every entry, groupings included.
 */
requirements: number, 
/**
 * The leaves, which are mapped and assessed.
 */
assessable: number, 
/**
 * Distinct controls (shipped and custom) mapped to it.
 */
controls: number, 
/**
 * A framework the consultant imported (id `x_...`).
 */
custom: boolean, 
/**
 * For an imported framework: where it came from.
 */
source: string | null, };

export type ControlSummary = { id: string, domain: string, effort: Effort, title: Text, 
/**
 * The consultant's own control.
 */
custom: boolean, 
/**
 * The frameworks it serves, in catalogue order.
 */
frameworks: Array<string>, 
/**
 * How many requirements it serves.
 */
mappings: number, };

export type ControlDetail = { id: string, domain: string, effort: Effort, title: Text, objective: Text, evidence: Text, custom: boolean, 
/**
 * By framework (catalogue order), then requirement (tree order).
 */
serves: Array<ServedRequirement>, };

export type ServedRequirement = { framework: string, framework_name: string, requirement_id: string, title: Text, relationship: Relationship, 
/**
 * The mapping is the consultant's own.
 */
custom: boolean, };

export type RequirementControls = { id: string, depth: number, assessable: boolean, title: Text, 
/**
 * Empty for grouping entries.
 */
controls: Array<MappedControl>, };

export type MappedControl = { control_id: string, title: Text, effort: Effort, relationship: Relationship, 
/**
 * The mapping is the consultant's own.
 */
custom: boolean, };

export type ControlStatus = "not_assessed" | "not_implemented" | "partially_implemented" | "implemented" | "not_applicable";

export type RequirementStatus = "met" | "partial" | "unmet" | "not_applicable" | "not_assessed";

export type ControlEntry = { 
/**
 * A control id, shipped (`CW-ACC-03`) or custom (`X-...`); any case.
 */
control_id: string, 
/**
 * A status keyword (`not_assessed`, `not_implemented`, `partially_implemented`,
 * `implemented`, `not_applicable`); its English or German words are accepted too. Empty is
 * not assessed.
 */
status: string, notes: string, 
/**
 * Evidence references: document names, tickets, links. Each on its own, without `;`.
 */
evidence: Array<string>, 
/**
 * Who at the client owns the control.
 */
owner: string, 
/**
 * When the gap should be closed: `YYYY-MM-DD`, or empty.
 */
due: string, 
/**
 * Why the control does not apply; required when the status is `not_applicable`.
 */
justification: string, };

export type AssessmentInfo = { id: number, date: IsoDate, 
/**
 * The latest assessment of the client.
 */
current: boolean, 
/**
 * Controls with something recorded (a status other than not assessed, or a note).
 */
recorded: number, created_at: string, updated_at: string, };

export type RecordedEntry = { control_id: string, status: ControlStatus, notes: string, evidence: Array<string>, owner: string, due?: IsoDate | null, justification: string, 
/**
 * When it was last written; `None` for a control nothing is recorded for.
 */
updated_at?: string | null, };

export type AssessmentRow = { control_id: string, title: Text, domain: string, domain_name: Text, effort: Effort, 
/**
 * Person-days to build it from nothing (`planning.effort_days` of the lifecycle facts).
 */
effort_days: number, 
/**
 * Person-days still to do given its status.
 */
remaining_days: number, 
/**
 * The frameworks in scope it serves.
 */
frameworks: Array<ScopeFramework>, 
/**
 * How many requirements in scope it serves.
 */
requirements: number, 
/**
 * The consultant's own control.
 */
custom: boolean, status: ControlStatus, notes: string, evidence: Array<string>, owner: string, due?: IsoDate | null, justification: string, updated_at?: string | null, };

export type AssessmentView = { client_id: ClientId, client_name: string, scope: ClientScope, 
/**
 * `None` before the first assessment (every control then reads not assessed).
 */
assessment?: AssessmentInfo | null, 
/**
 * Controls serving something in scope, in catalogue order (custom controls last).
 */
rows: Array<AssessmentRow>, };

export type ScopeFramework = string;

export type ScopeObligation = { requirement_id: string, title: Text, };

export type ScopeRequirement = { framework: ScopeFramework, requirement_id: string, title: Text, open: boolean, };

export type ScopeInput = { 
/**
 * `iso27001`, `soc2`, `iso42001`, `eu_ai_act`.
 */
frameworks: Array<string>, 
/**
 * `availability`, `confidentiality`, `processing_integrity`, `privacy` (security is always
 * in scope with SOC 2 and may be named too).
 */
soc2_categories: Array<string>, };

export type SubserviceMethod = "carve_out" | "inclusive";

export type SubserviceOrganisation = { name: string, method: SubserviceMethod, 
/**
 * What it does for the client.
 */
services: string, 
/**
 * The SOC 2 criteria it serves, in catalogue order.
 */
criteria: Array<string>, updated_at: string, };

export type SubserviceInput = { name: string, 
/**
 * `carve_out` or `inclusive` (`carve-out` and `carved out` are read too).
 */
method: string, services: string, 
/**
 * SOC 2 criterion ids (`CC6.4`, `A1.2`), any case.
 */
criteria: Array<string>, };

export type ClientScope = { 
/**
 * True when the consultant chose it; false for the default from the recommendation.
 */
chosen: boolean, 
/**
 * In the recommendation's order: ISO/IEC 27001, SOC 2, ISO/IEC 42001, EU AI Act.
 */
frameworks: Array<ScopeFramework>, 
/**
 * The SOC 2 categories in scope, security first; empty without SOC 2.
 */
soc2_categories: Array<Soc2Category>, 
/**
 * The EU AI Act obligations the client's AI systems bring, in the Act's order; empty
 * without the EU AI Act in scope.
 */
ai_act_obligations: Array<ScopeObligation>, 
/**
 * The GDPR and NIS2 requirements the client owes by its profile (or that an open fact may
 * bring), in catalogue order; only for those of the two in scope.
 */
regulatory_obligations?: Array<ScopeRequirement>, 
/**
 * When the consultant last chose it.
 */
updated_at?: string | null, 
/**
 * The subservice organisations that serve SOC 2 criteria for the client, by name, with the
 * method the SOC 2 report uses for each (recorded per client, whatever the scope).
 */
subservice_organisations: Array<SubserviceOrganisation>, 
/**
 * The SOC 2 criteria carved out: every subservice organisation recorded for the criterion
 * uses the carve-out method. They are outside the client's SOC 2 scope (docs/analysis.md).
 */
carved_out: Array<string>, };

export type Readiness = { 
/**
 * Assessable requirements in scope.
 */
requirements: number, met: number, partial: number, 
/**
 * Neither met nor partial; includes those not assessed yet.
 */
unmet: number, not_applicable: number, 
/**
 * Of `unmet`: requirements no applicable control of which has been assessed yet.
 */
not_assessed: number, 
/**
 * `requirements - not_applicable`.
 */
applicable: number, 
/**
 * `100 × (met + weight × partial) / applicable`, one decimal; `None` when nothing applies.
 */
percent?: number | null, 
/**
 * `100 × not_assessed / applicable`, one decimal: how much of the picture is still unknown.
 */
not_assessed_percent?: number | null, };

export type SectionReadiness = { id: string, title: Text, 
/**
 * 0 for a top-level entry, 1 for one under it.
 */
depth: number, readiness: Readiness, };

export type FrameworkReadiness = { framework: ScopeFramework, name: string, readiness: Readiness, 
/**
 * Top-level entries and those one level below them, in the framework's order, each with the
 * requirements in scope beneath it.
 */
sections: Array<SectionReadiness>, };

export type DomainProgress = { domain: string, name: Text, controls: number, implemented: number, partially_implemented: number, not_implemented: number, not_applicable: number, not_assessed: number, };

export type GapItem = { 
/**
 * 1 for the most important gap.
 */
rank: number, control_id: string, title: Text, domain: string, effort: Effort, 
/**
 * not_implemented, partially_implemented or not_assessed.
 */
status: ControlStatus, remaining_days: number, 
/**
 * The frameworks in scope it serves.
 */
frameworks: Array<ScopeFramework>, 
/**
 * The sum of the pressure weights of those frameworks (2 urgent, 1 asked for).
 */
pressure: number, 
/**
 * Requirements in scope it serves that are not met yet.
 */
open_requirements: number, 
/**
 * `(frameworks + pressure) / (1 + remaining_days / 20)`, two decimals.
 */
score: number, owner: string, due?: IsoDate | null, };

export type FrameworkDays = { framework: ScopeFramework, days: number, };

export type RemainingEffort = { 
/**
 * Every framework in scope done on its own.
 */
alone: Array<FrameworkDays>, 
/**
 * All frameworks in scope together, each shared control once.
 */
together: number, 
/**
 * `sum(alone) - together`.
 */
saving: number, };

export type Analysis = { client_id: ClientId, client_name: string, today: IsoDate, partial_weight: number, scope: ClientScope, assessment?: AssessmentInfo | null, 
/**
 * One per framework in scope.
 */
frameworks: Array<FrameworkReadiness>, 
/**
 * Control statuses per control domain (controls in scope only).
 */
domains: Array<DomainProgress>, 
/**
 * Every control still to do, most important first.
 */
gaps: Array<GapItem>, effort: RemainingEffort, };

export type AnalysisSettings = { 
/**
 * The date to judge on: the default scope and the pressures depend on it.
 */
today: IsoDate, 
/**
 * How much a partially met requirement counts (0 to 1); `None` for 0.5.
 */
partial_weight?: number | null, };

export type FrameworkPoint = { framework: ScopeFramework, readiness: Readiness, };

export type HistoryPoint = { assessment_id: number, date: IsoDate, frameworks: Array<FrameworkPoint>, };

export type PortfolioRow = { client_id: ClientId, client_name: string, 
/**
 * The date of the current assessment; `None` when the client has none.
 */
assessment_date?: IsoDate | null, 
/**
 * Whether the consultant chose the scope (else the recommendation's default).
 */
scope_chosen: boolean, frameworks: Array<FrameworkPoint>, };

export type BatchProgress = { 
/**
 * The job's id, chosen by whoever started it.
 */
job: string, 
/**
 * Items finished so far (done or failed).
 */
done: number, total: number, 
/**
 * The item being worked on now; empty at the end.
 */
item: string, };

export type BatchItem = { item: string, 
/**
 * A file written, a client imported; for a failure, what went wrong and what to do.
 */
detail: string, };

export type BatchOutcome = { total: number, done: Array<BatchItem>, 
/**
 * Nothing to do for these (a package whose client is already here, imported with "skip").
 */
skipped: Array<BatchItem>, failed: Array<BatchItem>, 
/**
 * Stopped on request before every item was worked on.
 */
cancelled: boolean, 
/**
 * The folder the files went to, for an export.
 */
folder?: string | null, };

export type ImportMode = "new" | "replace" | "skip";

export type DashboardRow = { client_id: ClientId, client_name: string, 
/**
 * Required first, then recommended; in the catalogue's framework order within each.
 */
recommended: Array<RecommendedFramework>, 
/**
 * The date of the current assessment; `None` when the client has none.
 */
assessment_date?: IsoDate | null, 
/**
 * Readiness on every framework in scope (the chosen scope, else the recommendation's).
 */
readiness: Array<FrameworkPoint>, 
/**
 * The first roadmap milestone on or after today.
 */
next_milestone?: RoadmapMilestone | null, 
/**
 * Deadlines the roadmap cannot meet.
 */
deadlines_missed: number, 
/**
 * Controls of the current assessment with a due date that are not done yet.
 */
open_actions: number, 
/**
 * Of those, the ones whose due date has passed.
 */
overdue_actions: number, 
/**
 * The earliest due date among the overdue ones.
 */
oldest_overdue?: IsoDate | null, 
/**
 * A party holds deals back until it gets what it asks for (any pressure with blocked deals).
 */
deals_blocked: boolean, 
/**
 * Deals are blocked, an action is overdue or the roadmap misses a deadline: the rule behind
 * the dashboard's "needs attention" filter.
 */
needs_attention: boolean, 
/**
 * The mean readiness over the frameworks in scope, in percent (a framework with nothing
 * applicable counts as 0); `None` without any framework in scope. The dashboard sorts by it.
 */
mean_readiness?: number | null, };

export type DashboardQuery = { 
/**
 * Case-insensitive text to find in the name, sector, country, notes, AI systems or contacts.
 */
search: string, filter: ClientFilter, 
/**
 * Only the clients whose recommendation requires or recommends this framework.
 */
framework?: ScopeFramework | null, 
/**
 * Only the clients that need attention ([`DashboardEntry::needs_attention`]).
 */
needs_attention_only: boolean, sort: DashboardSort, 
/**
 * Reverses the sort; ties stay by name, then id.
 */
descending: boolean, };

export type Figures = boolean;

export type DashboardSort = "name" | "sector" | "employees" | "headquarters" | "updated" | "readiness" | "milestone" | "actions";

export type DashboardEntry = { client: ClientSummary, 
/**
 * `None` for an archived client (the figures are worked out for active clients only) and
 * when the query asked for the list alone.
 */
figures?: DashboardRow | null, 
/**
 * The figures' "needs attention"; without figures, whether deals are blocked.
 */
needs_attention: boolean, };

export type Dashboard = { listed: number, entries: Array<DashboardEntry>, };

export type RecommendedFramework = { framework: ScopeFramework, 
/**
 * `Recommended` or `Required`.
 */
need: Need, 
/**
 * Deals are blocked over it, or its deadline is near (for the EU AI Act: a prohibited
 * practice, or an obligation already in force).
 */
urgent: boolean, };

export type ImportOutcome = { assessment: AssessmentInfo, 
/**
 * Rows read from the file.
 */
rows: number, 
/**
 * Rows whose control now has something recorded.
 */
recorded: number, 
/**
 * Rows that cleared a control back to not assessed.
 */
cleared: number, };

export type ImportPreview = { 
/**
 * Rows read from the file (blank rows not counted).
 */
rows: number, 
/**
 * The problems that refuse the file, each at its row (`row 7`, `row 7, due`): the first 50.
 */
errors: Array<FieldError>, 
/**
 * How many more problems there are beyond `errors`.
 */
truncated: number, 
/**
 * The controls whose record would change, in file order.
 */
changes: Array<ControlChange>, 
/**
 * Rows that would change nothing.
 */
unchanged: number, 
/**
 * Recorded values that would be cleared, over every change: the import needs a confirmation.
 */
losses: number, 
/**
 * A digest of the file's bytes (SHA-256, hex): applying checks it, so what is written is
 * what was previewed.
 */
digest: string, };

export type ControlChange = { 
/**
 * The spreadsheet row.
 */
row: number, control_id: string, fields: Array<FieldChange>, };

export type FieldChange = { field: string, before: string, after: string, 
/**
 * A recorded value becomes empty (or a status goes back to not assessed).
 */
loss: boolean, };

export type RequirementRow = { requirement_id: string, 
/**
 * The section it sits in: the entry one below the top (`A.5`, `CC6`, `6.1`), else the
 * top-level entry (`4`, `Ch.I`).
 */
section: string, title: Text, 
/**
 * Whether it is in the client's scope (a SOC 2 category or an EU AI Act obligation may not be).
 */
in_scope: boolean, status: RequirementStatus, controls: Array<CoveringControl>, };

export type CoveringControl = { control_id: string, title: Text, relationship: Relationship, status: ControlStatus, 
/**
 * Why it does not apply (for a not-applicable control), else empty.
 */
justification: string, };

export type Soa = { client_id: ClientId, client_name: string, 
/**
 * `iso27001` or `iso42001`.
 */
framework: ScopeFramework, framework_name: string, 
/**
 * Whether the framework is in the client's scope.
 */
in_scope: boolean, assessment?: AssessmentInfo | null, rows: Array<SoaRow>, };

export type SoaRow = { requirement_id: string, 
/**
 * The theme or objective it sits under (`A.5`, `A.6`).
 */
theme: string, title: Text, applicable: boolean, 
/**
 * Why it is excluded (the not-applicable controls' justifications) or how it is addressed.
 */
justification: Text, status: RequirementStatus, controls: Array<CoveringControl>, };

export type SheetFormat = "csv" | "xlsx";

export type Lang = "en" | "de";

export type BrandingSettings = { firm_name: string, 
/**
 * `#RRGGBB`.
 */
primary_colour: string, 
/**
 * `#RRGGBB`.
 */
accent_colour: string, 
/**
 * Lines of the contact block (address, phone, e-mail, web).
 */
contact: Array<string>, footer: string, disclaimer: string, logo?: string | null, };

export type AuditAction = "insert" | "update" | "delete" | "import";

export type AuditEntry = { id: number, client_id: ClientId, 
/**
 * When, RFC 3339 in UTC with milliseconds.
 */
at: string, 
/**
 * `client`, `scope`, `assessment`, `control`, `override` or `evidence` (a file attached to
 * or removed from a control; the value names the file by SHA-256 and name).
 */
entity: string, 
/**
 * What changed: a profile field (`employees`), `status`, `profile` (a new client),
 * `framework`, `soc2_category`, `subservice` or `subservice_criterion`, an assessment date, a
 * control id (for `control` and `evidence`), an override kind.
 */
key: string, action: AuditAction, 
/**
 * The date of the assessment a control or evidence entry belongs to.
 */
assessment_date?: string | null, 
/**
 * The value before (none for an insert), as JSON.
 */
old_value?: unknown, 
/**
 * The value after (none for a delete), as JSON.
 */
new_value?: unknown, };

export type AuditPage = { total: number, offset: number, entries: Array<AuditEntry>, };

export type BackupInfo = { 
/**
 * Full path of the file.
 */
path: string, file_name: string, 
/**
 * When it was made, RFC 3339 in UTC with milliseconds.
 */
created_at: string, 
/**
 * `daily`, `pre-migration-v4`, `manual`, `before-restore`, `damaged`, or `external` for a
 * file outside the backups folder.
 */
reason: string, bytes: number, 
/**
 * Encrypted: it opens only with the passphrase the database had when it was made (Crosswalk
 * converts its backups when the passphrase changes).
 */
encrypted: boolean, };

export type PassphraseOutcome = { 
/**
 * Whether the database is encrypted now.
 */
encrypted: boolean, 
/**
 * Crosswalk backups converted to the new passphrase (or to plain, after a removal).
 */
backups_converted: number, 
/**
 * Backups that could not be converted (damaged, or under another passphrase), left as
 * they were: paths.
 */
backups_not_converted: Array<string>, };

export type RestoreOutcome = { 
/**
 * The backup the database now holds.
 */
restored_from: string, 
/**
 * Where the database it replaced was saved (none when there was no database).
 */
previous_saved_as?: string | null, 
/**
 * The schema version of the restored data (brought up to date on the next open).
 */
schema_version: bigint, };

export type EvidenceMeta = { 
/**
 * A person or team at the client; may be empty.
 */
provided_by: string, 
/**
 * The date the client provided the files (default: today).
 */
provided_on?: IsoDate | null, note: string, };

export type EvidenceLink = { control_id: string, 
/**
 * The date of the assessment the link belongs to.
 */
assessment_date: IsoDate, 
/**
 * The SHA-256 of the content, 64 lowercase hex digits: the file's identity.
 */
sha256: string, file_name: string, media_type: string, size: number, provided_by: string, provided_on: IsoDate, note: string, 
/**
 * When the link was made, RFC 3339 in UTC.
 */
added_at: string, 
/**
 * Provided more than the portfolio's stale-after setting before the assessment's date.
 */
stale: boolean, };

export type EvidenceList = { 
/**
 * The current assessment's date; none when the client has no assessment yet.
 */
assessment_date?: IsoDate | null, 
/**
 * The portfolio's stale-after setting, in months.
 */
max_age_months: number, 
/**
 * Links, by control then file name.
 */
links: Array<EvidenceLink>, };

export type EvidenceRequirement = { framework: string, requirement_id: string, title_en: string, title_de: string, 
/**
 * `equal`, `subset`, `superset` or `intersect`: how the control covers the requirement.
 */
relationship: string, };

export type EvidenceControl = { control_id: string, title_en: string, title_de: string, requirements: Array<EvidenceRequirement>, };

export type EvidenceFileInfo = { sha256: string, media_type: string, size: number, 
/**
 * Its links in every assessment of the client, oldest assessment first.
 */
links: Array<EvidenceLink>, 
/**
 * The controls it is attached to in the current assessment, with the requirements they serve.
 */
controls: Array<EvidenceControl>, 
/**
 * The frameworks those requirements belong to, each once.
 */
frameworks: Array<string>, };

export type EvidenceExport = { sha256: string, path: string, size: number, };

export type EvidenceRemoved = { control_id: string, sha256: string, file_name: string, 
/**
 * The file had no other link left in any assessment of the client and was deleted.
 */
file_deleted: boolean, };

export type RequestStatus = "open" | "provided" | "accepted" | "rejected";

export type RequestRequirements = { framework: string, requirement_ids: Array<string>, };

export type EvidenceRequest = { 
/**
 * The request's number (shown in the spreadsheet).
 */
id: number, control_id: string, 
/**
 * The control's title (the id when the catalogue no longer has the control).
 */
control_title: Text, 
/**
 * The requirements the control serves within the client's scope today, per framework in the
 * catalogue's order; derived, never stored.
 */
requirements: Array<RequestRequirements>, 
/**
 * What to provide.
 */
what: string, 
/**
 * The language `what` was written in when the request was generated.
 */
lang: Lang, 
/**
 * From whom: a person or team at the client; empty is unassigned.
 */
owner: string, due?: IsoDate | null, status: RequestStatus, 
/**
 * What the client or the consultant said about the answer.
 */
response_note: string, 
/**
 * Awaiting the client (open or rejected) and due before today.
 */
overdue: boolean, 
/**
 * RFC 3339 in UTC.
 */
created_at: string, updated_at: string, };

export type GenerateRequests = { 
/**
 * The due date of requests whose control has none in the assessment; none: no due date.
 */
due?: IsoDate | null, 
/**
 * The language of what to provide (the catalogue's text).
 */
lang: Lang, 
/**
 * Also ask for evidence of controls recorded as implemented that have no evidence file.
 */
without_evidence: boolean, 
/**
 * Only these controls of the gap list (ids, any case); empty: every one.
 */
only: Array<string>, };

export type GeneratedRequests = { 
/**
 * The date of the assessment the gaps were read from; none when the client has none yet
 * (then nothing is generated).
 */
assessment_date?: IsoDate | null, 
/**
 * The new requests.
 */
created: Array<EvidenceRequest>, 
/**
 * Controls of the gap list skipped because they already have a request that is not
 * accepted.
 */
skipped: Array<string>, };

export type RequestEdit = { 
/**
 * A status keyword or its English or German word.
 */
status?: string | null, response_note?: string | null, owner?: string | null, 
/**
 * `YYYY-MM-DD`, or empty for none.
 */
due?: string | null, 
/**
 * What to provide; may not be empty.
 */
what?: string | null, };

export type RequestImport = { 
/**
 * The requests that change, each with its changed fields (`status`, `owner`, `due`,
 * `response_note`).
 */
changes: Array<RequestChange>, 
/**
 * Rows read that change nothing.
 */
unchanged: number, 
/**
 * False for a dry run: nothing was written.
 */
applied: boolean, };

export type RequestChange = { id: number, control_id: string, fields: Array<FieldChange>, };

export type TeamStatus = { folder: string, team_id: string, device_id: string, 
/**
 * Changesets this device has written into the folder.
 */
files_written: number, 
/**
 * Committed here but not yet in the folder (written at the next sync).
 */
files_unwritten: number, shared_clients: number, open_conflicts: number, peers: Array<PeerStatus>, 
/**
 * When a sync last ran to its end (UTC, RFC 3339); none before the first.
 */
last_sync_at: string | null, };

export type PeerStatus = { device_id: string, 
/**
 * The last of its changesets applied here.
 */
applied: number, 
/**
 * Its highest changeset in the folder now (0 when the folder cannot be read).
 */
in_folder: number, };

export type SyncReport = { 
/**
 * The changeset written by this device, if anything changed here.
 */
sent: SentFile | null, 
/**
 * The snapshot started from (`team join`).
 */
snapshot: AppliedFile | null, applied: Array<AppliedFile>, 
/**
 * Devices whose next changeset is not in the folder yet while a later one is: sync waits.
 */
waiting: Array<Waiting>, 
/**
 * Files refused, each with its reason; nothing of them was applied.
 */
refused: Array<Refused>, new_conflicts: number, open_conflicts: number, 
/**
 * This device's own files deleted from the folder because nobody needs them any more
 * (every other device has applied them and a snapshot covers them).
 */
pruned: number, };

export type Compaction = { 
/**
 * The number of the snapshot written.
 */
snapshot: number, 
/**
 * This device's own files deleted after it ([`SyncReport::pruned`]).
 */
pruned: number, };

export type SentFile = { seq: number, changes: number, };

export type AppliedFile = { device_id: string, seq: number, changes: number, };

export type Waiting = { device_id: string, missing_seq: number, };

export type Refused = { device_id: string, file: string, reason: string, };

export type Conflict = { id: number, at: string, client_id: string, 
/**
 * The synced table (`assessment_controls`, `clients`, ...).
 */
table: string, 
/**
 * The row's key, its values in key order.
 */
key: unknown, 
/**
 * The field, or none for a whole row.
 */
field: string | null, 
/**
 * `field`, `edit_of_deleted`, `deleted_with_edits` or `created_after_delete`.
 */
kind: string, 
/**
 * What this device held, and what the applied file brought (null: deleted on that side).
 */
mine: unknown, theirs: unknown, 
/**
 * `mine` or `theirs`: the side the data holds now.
 */
winner: string, resolved_at: string | null, 
/**
 * `mine` or `theirs`: the side kept; `later_edit`: a later write with both sides in view
 * replaced them.
 */
resolution: string | null, 
/**
 * The device whose write closed the conflict (a teammate kept a side, or wrote over both);
 * none when it was closed here.
 */
resolved_by: string | null, };

export type Keep = "mine" | "theirs";

export type Sharing = boolean;

export type ConflictList = boolean;

/** ISO 3166-1 alpha-2 codes the backend accepts as a headquarters country. */
export const COUNTRY_CODES: readonly string[] = [
  "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
  "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
  "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
  "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
  "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
  "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
  "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
  "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
  "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
  "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
  "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
  "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
  "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
  "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
  "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
  "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/** The English name of each of those countries (the core's list, not the platform's). */
export const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  AD: "Andorra",
  AE: "United Arab Emirates",
  AF: "Afghanistan",
  AG: "Antigua & Barbuda",
  AI: "Anguilla",
  AL: "Albania",
  AM: "Armenia",
  AO: "Angola",
  AQ: "Antarctica",
  AR: "Argentina",
  AS: "American Samoa",
  AT: "Austria",
  AU: "Australia",
  AW: "Aruba",
  AX: "Åland Islands",
  AZ: "Azerbaijan",
  BA: "Bosnia & Herzegovina",
  BB: "Barbados",
  BD: "Bangladesh",
  BE: "Belgium",
  BF: "Burkina Faso",
  BG: "Bulgaria",
  BH: "Bahrain",
  BI: "Burundi",
  BJ: "Benin",
  BL: "St. Barthélemy",
  BM: "Bermuda",
  BN: "Brunei",
  BO: "Bolivia",
  BQ: "Caribbean Netherlands",
  BR: "Brazil",
  BS: "Bahamas",
  BT: "Bhutan",
  BV: "Bouvet Island",
  BW: "Botswana",
  BY: "Belarus",
  BZ: "Belize",
  CA: "Canada",
  CC: "Cocos (Keeling) Islands",
  CD: "Congo - Kinshasa",
  CF: "Central African Republic",
  CG: "Congo - Brazzaville",
  CH: "Switzerland",
  CI: "Côte d’Ivoire",
  CK: "Cook Islands",
  CL: "Chile",
  CM: "Cameroon",
  CN: "China",
  CO: "Colombia",
  CR: "Costa Rica",
  CU: "Cuba",
  CV: "Cape Verde",
  CW: "Curaçao",
  CX: "Christmas Island",
  CY: "Cyprus",
  CZ: "Czechia",
  DE: "Germany",
  DJ: "Djibouti",
  DK: "Denmark",
  DM: "Dominica",
  DO: "Dominican Republic",
  DZ: "Algeria",
  EC: "Ecuador",
  EE: "Estonia",
  EG: "Egypt",
  EH: "Western Sahara",
  ER: "Eritrea",
  ES: "Spain",
  ET: "Ethiopia",
  FI: "Finland",
  FJ: "Fiji",
  FK: "Falkland Islands",
  FM: "Micronesia",
  FO: "Faroe Islands",
  FR: "France",
  GA: "Gabon",
  GB: "United Kingdom",
  GD: "Grenada",
  GE: "Georgia",
  GF: "French Guiana",
  GG: "Guernsey",
  GH: "Ghana",
  GI: "Gibraltar",
  GL: "Greenland",
  GM: "Gambia",
  GN: "Guinea",
  GP: "Guadeloupe",
  GQ: "Equatorial Guinea",
  GR: "Greece",
  GS: "South Georgia & South Sandwich Islands",
  GT: "Guatemala",
  GU: "Guam",
  GW: "Guinea-Bissau",
  GY: "Guyana",
  HK: "Hong Kong SAR China",
  HM: "Heard & McDonald Islands",
  HN: "Honduras",
  HR: "Croatia",
  HT: "Haiti",
  HU: "Hungary",
  ID: "Indonesia",
  IE: "Ireland",
  IL: "Israel",
  IM: "Isle of Man",
  IN: "India",
  IO: "British Indian Ocean Territory",
  IQ: "Iraq",
  IR: "Iran",
  IS: "Iceland",
  IT: "Italy",
  JE: "Jersey",
  JM: "Jamaica",
  JO: "Jordan",
  JP: "Japan",
  KE: "Kenya",
  KG: "Kyrgyzstan",
  KH: "Cambodia",
  KI: "Kiribati",
  KM: "Comoros",
  KN: "St. Kitts & Nevis",
  KP: "North Korea",
  KR: "South Korea",
  KW: "Kuwait",
  KY: "Cayman Islands",
  KZ: "Kazakhstan",
  LA: "Laos",
  LB: "Lebanon",
  LC: "St. Lucia",
  LI: "Liechtenstein",
  LK: "Sri Lanka",
  LR: "Liberia",
  LS: "Lesotho",
  LT: "Lithuania",
  LU: "Luxembourg",
  LV: "Latvia",
  LY: "Libya",
  MA: "Morocco",
  MC: "Monaco",
  MD: "Moldova",
  ME: "Montenegro",
  MF: "St. Martin",
  MG: "Madagascar",
  MH: "Marshall Islands",
  MK: "North Macedonia",
  ML: "Mali",
  MM: "Myanmar (Burma)",
  MN: "Mongolia",
  MO: "Macao SAR China",
  MP: "Northern Mariana Islands",
  MQ: "Martinique",
  MR: "Mauritania",
  MS: "Montserrat",
  MT: "Malta",
  MU: "Mauritius",
  MV: "Maldives",
  MW: "Malawi",
  MX: "Mexico",
  MY: "Malaysia",
  MZ: "Mozambique",
  NA: "Namibia",
  NC: "New Caledonia",
  NE: "Niger",
  NF: "Norfolk Island",
  NG: "Nigeria",
  NI: "Nicaragua",
  NL: "Netherlands",
  NO: "Norway",
  NP: "Nepal",
  NR: "Nauru",
  NU: "Niue",
  NZ: "New Zealand",
  OM: "Oman",
  PA: "Panama",
  PE: "Peru",
  PF: "French Polynesia",
  PG: "Papua New Guinea",
  PH: "Philippines",
  PK: "Pakistan",
  PL: "Poland",
  PM: "St. Pierre & Miquelon",
  PN: "Pitcairn Islands",
  PR: "Puerto Rico",
  PS: "Palestinian Territories",
  PT: "Portugal",
  PW: "Palau",
  PY: "Paraguay",
  QA: "Qatar",
  RE: "Réunion",
  RO: "Romania",
  RS: "Serbia",
  RU: "Russia",
  RW: "Rwanda",
  SA: "Saudi Arabia",
  SB: "Solomon Islands",
  SC: "Seychelles",
  SD: "Sudan",
  SE: "Sweden",
  SG: "Singapore",
  SH: "St. Helena",
  SI: "Slovenia",
  SJ: "Svalbard & Jan Mayen",
  SK: "Slovakia",
  SL: "Sierra Leone",
  SM: "San Marino",
  SN: "Senegal",
  SO: "Somalia",
  SR: "Suriname",
  SS: "South Sudan",
  ST: "São Tomé & Príncipe",
  SV: "El Salvador",
  SX: "Sint Maarten",
  SY: "Syria",
  SZ: "Eswatini",
  TC: "Turks & Caicos Islands",
  TD: "Chad",
  TF: "French Southern Territories",
  TG: "Togo",
  TH: "Thailand",
  TJ: "Tajikistan",
  TK: "Tokelau",
  TL: "Timor-Leste",
  TM: "Turkmenistan",
  TN: "Tunisia",
  TO: "Tonga",
  TR: "Türkiye",
  TT: "Trinidad & Tobago",
  TV: "Tuvalu",
  TW: "Taiwan",
  TZ: "Tanzania",
  UA: "Ukraine",
  UG: "Uganda",
  UM: "U.S. Outlying Islands",
  US: "United States",
  UY: "Uruguay",
  UZ: "Uzbekistan",
  VA: "Vatican City",
  VC: "St. Vincent & Grenadines",
  VE: "Venezuela",
  VG: "British Virgin Islands",
  VI: "U.S. Virgin Islands",
  VN: "Vietnam",
  VU: "Vanuatu",
  WF: "Wallis & Futuna",
  WS: "Samoa",
  YE: "Yemen",
  YT: "Mayotte",
  ZA: "South Africa",
  ZM: "Zambia",
  ZW: "Zimbabwe",
};

/** Every shipped framework, in scope order. */
export const SHIPPED_FRAMEWORKS: readonly ScopeFramework[] = ["iso27001", "soc2", "iso42001", "eu_ai_act", "gdpr", "nis2", "nist_ai_rmf"];

/** The frameworks the recommendation rates: the ones an override can leave out or start later. */
export const RATED_FRAMEWORKS: readonly ScopeFramework[] = ["iso27001", "soc2", "iso42001", "gdpr", "nis2", "nist_ai_rmf"];

/** The certifications: the only frameworks an override can put in order. */
export const CERTIFICATIONS: readonly ScopeFramework[] = ["iso27001", "soc2", "iso42001"];

/** The EU AI Act's Art. 111(2) cut-off (calendar milestone `ai-act-legacy-cutoff`). */
export const AI_ACT_LEGACY_CUTOFF: IsoDate = "2026-08-02";

/** The short name of every shipped framework by its catalogue id, in scope order. */
export const frameworkNames: Record<string, string> = {
  iso27001: "ISO/IEC 27001",
  soc2: "SOC 2",
  iso42001: "ISO/IEC 42001",
  eu_ai_act: "EU AI Act",
  gdpr: "GDPR",
  nis2: "NIS2",
  nist_ai_rmf: "NIST AI RMF",
};

/** What each control status is called. */
export const controlStatusLabels: Record<ControlStatus, Text> = {
  not_assessed: {"en":"not assessed","de":"nicht bewertet"},
  not_implemented: {"en":"not implemented","de":"nicht umgesetzt"},
  partially_implemented: {"en":"partially implemented","de":"teilweise umgesetzt"},
  implemented: {"en":"implemented","de":"umgesetzt"},
  not_applicable: {"en":"not applicable","de":"nicht anwendbar"},
};

/** What each requirement status is called. */
export const requirementStatusLabels: Record<RequirementStatus, Text> = {
  met: {"en":"implemented","de":"umgesetzt"},
  partial: {"en":"partially implemented","de":"teilweise umgesetzt"},
  unmet: {"en":"not implemented","de":"nicht umgesetzt"},
  not_applicable: {"en":"not applicable","de":"nicht anwendbar"},
  not_assessed: {"en":"not assessed","de":"nicht bewertet"},
};

/** What each evidence request status is called. */
export const requestStatusLabels: Record<RequestStatus, Text> = {
  open: {"en":"Open","de":"Offen"},
  provided: {"en":"Provided","de":"Geliefert"},
  accepted: {"en":"Accepted","de":"Angenommen"},
  rejected: {"en":"Rejected","de":"Abgelehnt"},
};

/** How a SOC 2 report treats a subservice organisation, in words. */
export const subserviceMethodLabels: Record<SubserviceMethod, Text> = {
  carve_out: {"en":"carved out","de":"ausgegliedert (Carve-out)"},
  inclusive: {"en":"inclusive","de":"einbezogen (Inclusive)"},
};
