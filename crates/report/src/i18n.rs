//! Every fixed word and sentence of the report, in English and German, plus the number and date
//! forms of each language. Sentences with blanks use `{0}`, `{1}`, ... and are filled by [`tf`].
//!
//! The tests check that no entry is missing or empty, that both languages have the same blanks,
//! and that no entry reads the same in both languages unless it is listed in
//! [`SAME_IN_BOTH`] (proper names and codes).

use crosswalk_core::domain::Date;

use crate::model::Lang;

macro_rules! strings {
    ($($key:ident => $en:literal, $de:literal;)+) => {
        /// A fixed string of the report.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum S {
            $($key,)+
        }

        impl S {
            /// Every entry, for the tests.
            pub const ALL: &'static [S] = &[$(S::$key,)+];

            pub fn en(self) -> &'static str {
                match self {
                    $(S::$key => $en,)+
                }
            }

            pub fn de(self) -> &'static str {
                match self {
                    $(S::$key => $de,)+
                }
            }
        }
    };
}

strings! {
    // Cover and page furniture.
    ReportTitle => "Compliance roadmap and readiness report", "Compliance-Fahrplan und Reifegradbericht";
    ReportSubtitle => "Which frameworks you need, in what order, and where you stand today: ISO/IEC 27001, SOC 2, ISO/IEC 42001, the EU AI Act, the GDPR, NIS2 and the NIST AI RMF", "Welche Regelwerke Sie brauchen, in welcher Reihenfolge, und wo Sie heute stehen: ISO/IEC 27001, SOC 2, ISO/IEC 42001, die KI-Verordnung der EU, die DSGVO, NIS2 und das NIST AI RMF";
    ReportSubject => "Framework recommendation, sequencing roadmap and gap analysis for {0}", "Empfehlung der Regelwerke, Fahrplan und Lückenanalyse für {0}";
    PreparedFor => "Prepared for", "Erstellt für";
    PreparedBy => "Prepared by", "Erstellt von";
    DateLabel => "Date", "Datum";
    VersionLabel => "Version", "Fassung";
    DefaultConfidentiality => "Confidential: prepared for the management of {0} only", "Vertraulich: nur für die Geschäftsleitung von {0} bestimmt";
    Contents => "Contents", "Inhalt";
    PageOf => "Page {page} of {pages}", "Seite {page} von {pages}";
    Contact => "Contact", "Kontakt";
    SectorLabel => "Sector", "Branche";
    EmployeesLabel => "Employees", "Beschäftigte";
    HeadquartersLabel => "Headquarters", "Hauptsitz";
    MarketsLabel => "Markets", "Märkte";
    AiSystemsLabel => "AI systems", "KI-Systeme";
    CertificationsLabel => "Held today", "Bereits vorhanden";
    NoneHeld => "none", "keine";
    NoneRecorded => "none recorded", "keine erfasst";
    Soc2TypeI => "SOC 2 Type I report", "SOC-2-Bericht Typ I";
    Soc2TypeII => "SOC 2 Type II report", "SOC-2-Bericht Typ II";

    // Section titles.
    SecExecutiveSummary => "Executive summary", "Management-Zusammenfassung";
    SecWhichDoYouNeed => "Which frameworks do you need?", "Welche Regelwerke brauchen Sie?";
    SecRecommendation => "Recommendation and rationale", "Empfehlung und Begründung";
    SecRoadmap => "Roadmap", "Fahrplan";
    SecReadiness => "Readiness", "Reifegrad";
    SecSharedWork => "Shared work: one control set, several frameworks", "Gemeinsame Arbeit: ein Kontrollset, mehrere Regelwerke";
    SecActions => "Prioritised action list", "Priorisierte Maßnahmenliste";
    SecSoa => "Statement of Applicability: {0}", "Erklärung zur Anwendbarkeit: {0}";
    SecControlMatrix => "Appendix: control matrix", "Anhang: Kontrollmatrix";
    SecEvidenceRequests => "Appendix: evidence requests", "Anhang: Nachweisanforderungen";
    SecMethodology => "Methodology and disclaimer", "Methodik und Haftungsausschluss";

    // Shared words.
    Yes => "Yes", "Ja";
    No => "No", "Nein";
    EuAiAct => "EU AI Act", "KI-Verordnung (EU)";
    AiActShort => "AI Act", "KI-VO";
    RegimeColumn => "Framework", "Regelwerk";
    NeedRequired => "Required", "Erforderlich";
    NeedRecommended => "Recommended", "Empfohlen";
    NeedOptional => "Optional", "Freiwillig";
    NeedNotNeeded => "Not needed", "Nicht erforderlich";
    Urgent => "urgent", "dringend";
    PersonDays => "{0} person-days", "{0} Personentage";
    ToBeAssigned => "to be assigned", "noch offen";

    // Executive summary.
    SummaryLead => "This report sets out which assurance frameworks {0} needs, in which order to pursue them, what it will take, and how far the organisation is from each today.", "Dieser Bericht zeigt, welche Regelwerke {0} braucht, in welcher Reihenfolge sie anzugehen sind, welcher Aufwand entsteht und wie weit die Organisation heute von jedem entfernt ist.";
    StopFirst => "Stop first", "Zuerst stoppen";
    VerdictsHeading => "Verdicts", "Einschätzung";
    VerdictColumn => "Verdict", "Einschätzung";
    HeldColumn => "Held", "Vorhanden";
    WhyColumn => "In one sentence", "Kurz gesagt";
    HeldCurrentUntil => "current until {0}", "gültig bis {0}";
    HeldCurrent => "current", "gültig";
    HeldLapsed => "no longer current", "nicht mehr gültig";
    OrderHeading => "Recommended order", "Empfohlene Reihenfolge";
    OrderItem => "{0}. {1}: first deliverable, {2}, on {3}", "{0}. {1}: erstes Ergebnis, {2}, am {3}";
    OrderItemPlain => "{0}. {1}", "{0}. {1}";
    MaintainedItem => "{0} is held: keep it current (next step on {1})", "{0} ist vorhanden: aktuell halten (nächster Schritt am {1})";
    MaintainedItemPlain => "{0} is held: keep it current", "{0} ist vorhanden: aktuell halten";
    NothingToBuild => "No framework needs to be built now.", "Derzeit ist kein Regelwerk neu aufzubauen.";
    FigureReadiness => "Overall readiness", "Reifegrad gesamt";
    FigureEffort => "Remaining effort", "Restaufwand";
    FigureSaving => "Saved by shared work", "Einsparung durch gemeinsame Arbeit";
    FigureFinish => "Last deliverable", "Letztes Ergebnis";
    DaysValue => "{0} days", "{0} Tage";
    NoDate => "not planned", "nicht geplant";

    // Which do you need.
    WhichLead => "The four answer different questions and are not alternatives (R6). The side-by-side view below shows what each one is and when it fits; the last row applies it to {0}.", "Die vier beantworten unterschiedliche Fragen und schließen einander nicht aus (R6). Die Gegenüberstellung zeigt, was jedes Regelwerk ist und wann es passt; die letzte Zeile wendet das auf {0} an.";
    AspectColumn => "Aspect", "Merkmal";
    RowWhatItIs => "What it is", "Was es ist";
    RowFocus => "Focus", "Schwerpunkt";
    RowOutput => "What you get", "Ergebnis";
    RowRecognition => "Recognition", "Anerkennung";
    RowBestWhen => "Best when", "Passt, wenn";
    RowRenewal => "Renewal", "Erneuerung";
    RowForClient => "For {0}", "Für {0}";
    IsmsWhat => "International standard for an information security management system (ISMS)", "Internationale Norm für ein Informationssicherheits-Managementsystem (ISMS)";
    IsmsFocus => "Protecting the confidentiality, integrity and availability of all information, based on risk", "Schutz von Vertraulichkeit, Integrität und Verfügbarkeit aller Informationen, risikobasiert";
    IsmsOutput => "A certificate from an accredited certification body, backed by a Statement of Applicability", "Ein Zertifikat einer akkreditierten Zertifizierungsstelle, gestützt auf eine Erklärung zur Anwendbarkeit";
    IsmsRecognition => "Worldwide; what European customers and public buyers usually expect", "Weltweit; von europäischen Kunden und öffentlichen Auftraggebern meist erwartet";
    IsmsBestWhen => "Customers, partners or supervisors want proof of security management, above all in Europe", "Kunden, Partner oder Aufsicht einen Nachweis des Sicherheitsmanagements verlangen, vor allem in Europa";
    IsoRenewal => "The certificate runs 3 years, with a surveillance audit every year, then recertification", "Das Zertifikat gilt 3 Jahre, mit jährlichem Überwachungsaudit, danach Rezertifizierung";
    Soc2What => "A US attestation report by a licensed CPA firm on a service organisation's controls (AICPA)", "Ein US-Prüfbericht einer zugelassenen CPA-Gesellschaft über die Kontrollen eines Dienstleisters (AICPA)";
    Soc2Focus => "Security, plus availability, confidentiality, processing integrity and privacy as chosen", "Sicherheit, dazu nach Wahl Verfügbarkeit, Vertraulichkeit, Verarbeitungsintegrität und Datenschutz";
    Soc2Output => "An auditor's report: Type I on design at a date, Type II on operation over a period", "Ein Prüfbericht: Typ I zur Ausgestaltung an einem Stichtag, Typ II zur Wirksamkeit über einen Zeitraum";
    Soc2Recognition => "Expected by US customers; shared under NDA rather than published", "Von US-Kunden erwartet; vertraulich weitergegeben statt veröffentlicht";
    Soc2BestWhen => "US customers ask how their data is protected, or deals stall without a report", "US-Kunden fragen, wie ihre Daten geschützt sind, oder Abschlüsse ohne Bericht stocken";
    Soc2Renewal => "Every year; the market treats a report as current for about 12 months", "Jährlich; der Markt sieht einen Bericht etwa 12 Monate als aktuell an";
    AimsWhat => "International standard for an AI management system (AIMS)", "Internationale Norm für ein KI-Managementsystem (AIMS)";
    AimsFocus => "Governing AI responsibly across its life cycle: risks, effects on people, data, human oversight", "Verantwortungsvolle Steuerung von KI über den Lebenszyklus: Risiken, Folgen für Menschen, Daten, menschliche Aufsicht";
    AimsOutput => "A certificate from an accredited certification body", "Ein Zertifikat einer akkreditierten Zertifizierungsstelle";
    AimsRecognition => "International and certifiable; supports work on EU AI Act compliance, but it is not a harmonised standard: it gives no presumption of conformity and does not by itself meet Art. 17", "International und zertifizierbar; unterstützt die Arbeit an der Einhaltung der KI-Verordnung, ist aber keine harmonisierte Norm: Sie begründet keine Konformitätsvermutung und erfüllt Art. 17 nicht für sich allein";
    AimsBestWhen => "You build, provide or deploy AI and need to show that it is governed", "Sie KI entwickeln, anbieten oder einsetzen und deren Steuerung belegen müssen";
    ActWhat => "An EU regulation (2024/1689): binding law, not a certificate", "Eine EU-Verordnung (2024/1689): verbindliches Recht, kein Zertifikat";
    ActFocus => "Duties by role (provider, deployer, importer, ...) and by each AI system's risk tier", "Pflichten nach Rolle (Anbieter, Betreiber, Einführer, ...) und Risikostufe jedes KI-Systems";
    ActOutput => "Compliance: documentation, conformity assessment for high-risk systems, registration", "Konformität: Dokumentation, Konformitätsbewertung für Hochrisiko-Systeme, Registrierung";
    ActRecognition => "Binds anyone placing AI on the EU market or using it there; enforced with fines", "Bindet alle, die KI in der EU in Verkehr bringen oder dort nutzen; bußgeldbewehrt";
    ActBestWhen => "Not a choice: it applies once an AI system or its output reaches the EU", "Keine Wahl: Sie gilt, sobald ein KI-System oder sein Ergebnis die EU erreicht";
    ActRenewal => "Ongoing: obligations phase in from 2025 to 2028 and must be kept up", "Fortlaufend: Die Pflichten greifen gestaffelt von 2025 bis 2028 und sind dauerhaft einzuhalten";
    AiActForClientSystems => "Applies to {0} of {1} AI systems", "Gilt für {0} von {1} KI-Systemen";
    AiActForClientNone => "Does not reach the client today", "Erfasst den Mandanten derzeit nicht";
    AiActForClientNoSystems => "No AI system recorded", "Kein KI-System erfasst";
    AiActForClientStop => "Stop: a prohibited practice", "Stopp: eine verbotene Praktik";
    WhichOverlap => "The work overlaps: risk management, access control, monitoring and documented processes sit under all of them. An ISO/IEC 27001 ISMS already covers much of SOC 2's security criteria and a large part of the ISO/IEC 42001 structure (R4), which is why this report works from one control set mapped to every framework.", "Die Arbeit überschneidet sich: Risikomanagement, Zugriffskontrolle, Überwachung und dokumentierte Abläufe liegen allen zugrunde. Ein ISMS nach ISO/IEC 27001 deckt bereits viel von den Sicherheitskriterien von SOC 2 und einen großen Teil der Struktur von ISO/IEC 42001 ab (R4); deshalb arbeitet dieser Bericht mit einem Kontrollset, das allen Regelwerken zugeordnet ist.";

    // Recommendation.
    RecommendationLead => "Each verdict names the rule that produced it (R1 to R16, explained in the methodology) and the answers from the client profile that triggered it, so that it can be checked and, where the consultant judges differently, overridden.", "Jede Einschätzung nennt die Regel, aus der sie folgt (R1 bis R16, erläutert in der Methodik), und die Angaben aus dem Mandantenprofil, die sie ausgelöst haben. So lässt sie sich prüfen und, wo der Berater anders urteilt, durch eine begründete Vorgabe ändern.";
    VerdictHeading => "{0}: {1}", "{0}: {1}";
    HeldLine => "Held today: {0}", "Bereits vorhanden: {0}";
    RuleColumn => "Rule", "Regel";
    ReasonColumn => "Reason", "Begründung";
    TriggerColumn => "Triggered by", "Ausgelöst durch";
    WeightColumn => "Weighs as", "Gewicht";
    Informs => "informs", "informativ";
    Soc2PathLine => "Report path: {0}.", "Berichtsweg: {0}.";
    Soc2PathType1ThenType2 => "a Type I report first, then a Type II report after an observation window", "zuerst ein Typ-I-Bericht, nach einem Beobachtungszeitraum ein Typ-II-Bericht";
    Soc2PathType2 => "a Type I report is held, so observe and then report Type II", "ein Typ-I-Bericht liegt vor, also beobachten und dann nach Typ II berichten";
    Soc2PathRenew => "a Type II report is held, so report the next period, every year", "ein Typ-II-Bericht liegt vor, also jährlich den nächsten Zeitraum berichten";
    Soc2Categories => "Trust services categories beyond security: {0}.", "Kategorien der Trust Services über Sicherheit hinaus: {0}.";
    Soc2NoCategories => "No trust services category beyond security is suggested.", "Über Sicherheit hinaus wird keine weitere Kategorie vorgeschlagen.";
    CatSecurity => "Security", "Sicherheit";
    CatAvailability => "Availability", "Verfügbarkeit";
    CatConfidentiality => "Confidentiality", "Vertraulichkeit";
    CatProcessingIntegrity => "Processing integrity", "Verarbeitungsintegrität";
    CatPrivacy => "Privacy", "Datenschutz";
    AiActPerSystem => "EU AI Act, per AI system", "KI-Verordnung (EU) je KI-System";
    AiActNoSystems => "The client has no AI system on record, so no EU AI Act obligation is assessed.", "Für den Mandanten ist kein KI-System erfasst; daher wird keine Pflicht nach der KI-Verordnung bewertet.";
    RequirementColumn => "Requirement", "Anforderung";
    ObligationColumn => "Obligation", "Pflicht";
    AppliesFromColumn => "Applies from", "Gilt ab";
    InForceColumn => "In force", "In Kraft";
    BecauseColumn => "Applies because", "Gilt, weil";
    AiQuestionsTitle => "Open questions: the answers decide whether these obligations apply", "Offene Fragen: Die Antworten entscheiden, ob diese Pflichten gelten";
    AiQuestionLine => "{0} ({1})", "{0} ({1})";
    NoObligations => "No obligation applies to this system.", "Für dieses System gilt keine Pflicht.";
    OverridesHeading => "Consultant's overrides", "Vorgaben des Beraters";
    OverrideIntegratedDeclined => "Integrated ISO/IEC 27001 and 42001 audit declined: {0}", "Integriertes Audit für ISO/IEC 27001 und 42001 abgelehnt: {0}";
    OverrideOrder => "Order set to {0}: {1}", "Reihenfolge festgelegt auf {0}: {1}";
    OverrideExcluded => "{0} left out of the plan: {1}", "{0} aus dem Plan genommen: {1}";
    OverrideNotBefore => "{0} starts no earlier than {1}: {2}", "{0} beginnt frühestens am {1}: {2}";

    // Roadmap.
    RoadmapLead => "The plan starts on {0} with {1} person-days of consulting and implementation capacity a week. Frameworks are built one after the other; audits, observation windows and report writing run on the auditor's clock, so the next framework starts while the previous one is with the auditor.", "Der Plan beginnt am {0} mit {1} Personentagen Kapazität pro Woche für Beratung und Umsetzung. Die Regelwerke werden nacheinander aufgebaut; Audits, Beobachtungszeiträume und Berichte laufen im Takt der Prüfer, sodass das nächste Regelwerk beginnt, während das vorige beim Prüfer liegt.";
    Timeline => "Timeline", "Zeitplan";
    Today => "Today", "Heute";
    KindImplementation => "Implementation", "Umsetzung";
    KindReadiness => "Internal audit", "Internes Audit";
    KindAudit => "External audit", "Externes Audit";
    KindObservation => "Observation window", "Beobachtungszeitraum";
    KindAiAct => "EU AI Act measures", "Maßnahmen nach der KI-Verordnung";
    KindStop => "Stop", "Stopp";
    KindMilestone => "Milestone", "Meilenstein";
    KindDeadline => "Deadline", "Frist";
    WhyThisOrder => "Why this order", "Warum diese Reihenfolge";
    OrdersCompared => "Orders compared", "Vergleich der Reihenfolgen";
    OneOrderOnly => "With a single framework to implement there is only one order.", "Mit nur einem umzusetzenden Regelwerk gibt es nur eine Reihenfolge.";
    OrderColumn => "Order", "Reihenfolge";
    FirstDeliverableColumn => "First deliverable", "Erstes Ergebnis";
    FinishColumn => "All delivered", "Alles geliefert";
    EffortDaysColumn => "Person-days", "Personentage";
    MissedColumn => "Deadlines missed", "Verpasste Fristen";
    ChosenColumn => "Chosen", "Gewählt";
    PhasesHeading => "Phases", "Phasen";
    PhaseColumn => "Phase", "Phase";
    FromColumn => "From", "Von";
    ToColumn => "To", "Bis";
    MilestonesHeading => "Milestones", "Meilensteine";
    DateColumn => "Date", "Datum";
    MilestoneColumn => "Milestone", "Meilenstein";
    KindColumn => "Kind", "Art";
    MsDeliverable => "Deliverable", "Ergebnis";
    MsDeadline => "Deadline", "Frist";
    MsRegulatory => "Legal date", "Gesetzlicher Termin";
    MsAudit => "Audit date", "Audittermin";
    MsSurveillance => "Keeping current", "Aufrechterhaltung";
    Missed => "missed", "verpasst";
    NoPhases => "No phase is planned.", "Es ist keine Phase geplant.";

    // Readiness.
    ReadinessLead => "Readiness is the share of a framework's applicable requirements that are met, a partly met requirement counting half. A requirement's status follows from the common controls mapped to it.", "Der Reifegrad ist der Anteil der anwendbaren Anforderungen eines Regelwerks, die erfüllt sind; eine teilweise erfüllte Anforderung zählt halb. Der Stand einer Anforderung ergibt sich aus den ihr zugeordneten gemeinsamen Kontrollen.";
    ReadinessNotAssessed => "No control has been assessed yet, so readiness reads 0 % until the assessment is recorded; the figures show the size of the task.", "Noch ist keine Kontrolle bewertet; der Reifegrad steht daher bei 0 %, bis die Bewertung erfasst ist. Die Zahlen zeigen den Umfang der Aufgabe.";
    ReadinessPerFramework => "Readiness per framework", "Reifegrad je Regelwerk";
    ReadinessPerDomain => "Readiness per control domain", "Reifegrad je Kontrollbereich";
    Met => "Met", "Erfüllt";
    PartlyMet => "Partly met", "Teilweise erfüllt";
    NotMet => "Not met", "Nicht erfüllt";
    NotApplicableShort => "N/A", "Entfällt";
    ReadinessColumn => "Readiness", "Reifegrad";
    DomainColumn => "Domain", "Bereich";
    ControlsColumn => "Controls", "Kontrollen";
    NoFrameworkInScope => "No framework is in scope, so there is no readiness to measure.", "Kein Regelwerk ist im Umfang; daher gibt es keinen Reifegrad zu messen.";

    // Shared work.
    SharedLead => "A control that serves several frameworks is built once. The saving is the effort of doing each framework on its own minus the effort of doing them together (R4).", "Eine Kontrolle, die mehreren Regelwerken dient, wird einmal aufgebaut. Die Einsparung ist der Aufwand für jedes Regelwerk einzeln abzüglich des Aufwands für alle gemeinsam (R4).";
    AloneColumn => "Person-days on its own", "Personentage einzeln";
    SumAlone => "One by one, added up", "Einzeln, zusammengezählt";
    Together => "Together, shared controls once", "Gemeinsam, geteilte Kontrollen einmal";
    Saving => "Saving", "Einsparung";
    SavingSentence => "Doing the frameworks together saves {0} person-days, {1} of the effort of doing them one by one.", "Gemeinsam umgesetzt sparen die Regelwerke {0} Personentage, {1} des Aufwands bei getrennter Umsetzung.";
    SharedChart => "Person-days: each alone and all together", "Personentage: einzeln und gemeinsam";
    AloneBar => "{0} alone", "{0} einzeln";
    TogetherBar => "All together", "Alle gemeinsam";
    NothingShared => "Fewer than two frameworks are to be built, so no work is shared.", "Es sind weniger als zwei Regelwerke aufzubauen; daher wird keine Arbeit geteilt.";
    SharedEffortNote => "Person-days count the work still to do on the controls each framework needs, from each control's effort size.", "Die Personentage zählen die noch offene Arbeit an den Kontrollen, die jedes Regelwerk braucht, nach der Aufwandsgröße jeder Kontrolle.";

    // Actions.
    ActionsLead => "The gaps to close first: controls that serve the first framework of the recommended order come first, then those that serve the most frameworks, then the quickest wins.", "Die zuerst zu schließenden Lücken: Kontrollen für das erste Regelwerk der empfohlenen Reihenfolge zuerst, dann jene, die den meisten Regelwerken dienen, dann die schnellsten Erfolge.";
    RankColumn => "#", "Nr.";
    ControlColumn => "Control", "Kontrolle";
    TitleColumn => "Title", "Titel";
    StatusColumn => "Status", "Stand";
    EffortColumn => "Effort", "Aufwand";
    OwnerColumn => "Owner", "Verantwortlich";
    DueColumn => "Due", "Fällig";
    ServesColumn => "Serves", "Dient";
    NoGaps => "No gaps: every control in scope is implemented.", "Keine Lücken: Jede Kontrolle im Umfang ist umgesetzt.";
    StatusNotAssessed => "Not assessed", "Nicht bewertet";
    StatusNotImplemented => "Not implemented", "Nicht umgesetzt";
    StatusPartial => "Partly implemented", "Teilweise umgesetzt";
    StatusImplemented => "Implemented", "Umgesetzt";
    StatusNotApplicable => "Not applicable", "Nicht anwendbar";
    ShortNotAssessed => "Open", "Offen";
    ShortNotImplemented => "Missing", "Fehlt";
    ShortPartial => "Partial", "Teilweise";
    ShortImplemented => "Done", "Erledigt";

    // Statement of Applicability.
    SoaLead => "For each Annex A control: whether it applies, why, how far it is implemented and which common controls implement it. A certification auditor asks for this statement.", "Für jede Maßnahme aus Anhang A: ob sie anwendbar ist, warum, wie weit sie umgesetzt ist und welche gemeinsamen Kontrollen sie umsetzen. Der Zertifizierungsauditor verlangt diese Erklärung.";
    AnnexColumn => "Annex A", "Anhang A";
    ApplicableColumn => "Applies", "Anwendbar";
    JustificationColumn => "Justification", "Begründung";
    ImplementedByColumn => "Implemented by", "Umgesetzt durch";
    JustifyApplicable => "Needed to treat the risks identified for the scope.", "Erforderlich zur Behandlung der für den Geltungsbereich ermittelten Risiken.";
    JustifyNotApplicable => "No related activity within the scope.", "Keine entsprechende Tätigkeit im Geltungsbereich.";
    SoaCounts => "{0} of {1} controls apply; {2} are implemented, {3} partly.", "{0} von {1} Maßnahmen sind anwendbar; {2} sind umgesetzt, {3} teilweise.";

    // Control matrix.
    MatrixLead => "Every common control with its status for each framework it serves; a dash means the control does not map to that framework.", "Jede gemeinsame Kontrolle mit ihrem Stand für jedes Regelwerk, dem sie dient; ein Strich bedeutet, dass die Kontrolle diesem Regelwerk nicht zugeordnet ist.";

    // Evidence requests.
    RequestsLead => "What we ask the client to provide as evidence, by the person responsible at the client; requests still awaiting an answer come first. Each request names the requirements of the frameworks in scope that its evidence serves.", "Was der Mandant als Nachweis liefern soll, geordnet nach der verantwortlichen Person beim Mandanten; noch unbeantwortete Nachweisanforderungen stehen vorn. Jede nennt die Anforderungen der einbezogenen Regelwerke, denen ihr Nachweis dient.";
    RequestsCounts => "Requests: {0}; awaiting the client: {1} (overdue: {2}); provided, not yet checked: {3}; accepted: {4}.", "Nachweisanforderungen: {0}; warten auf den Mandanten: {1} (überfällig: {2}); geliefert, noch nicht geprüft: {3}; angenommen: {4}.";
    WhatColumn => "What to provide", "Zu liefern";
    RequirementsColumn => "Requirements", "Anforderungen";
    UnassignedOwner => "Not yet assigned", "Noch nicht zugewiesen";
    OverdueWord => "overdue", "überfällig";
    ResponseLabel => "Response", "Antwort";

    // Methodology.
    MethodVerdicts => "How the verdicts are reached", "Wie die Einschätzungen entstehen";
    MethodVerdictsText => "The verdicts come from fixed rules applied to the client profile: what the client offers, where it sells, which AI systems it runs, what it already holds and who asks it for what. Every rule that fires is listed with the answers that triggered it. The rules are:", "Die Einschätzungen folgen aus festen Regeln, angewandt auf das Mandantenprofil: was der Mandant anbietet, wo er verkauft, welche KI-Systeme er betreibt, was er bereits vorweisen kann und wer was von ihm verlangt. Jede greifende Regel wird mit den auslösenden Angaben aufgeführt. Die Regeln:";
    MethodReadiness => "How readiness is measured", "Wie der Reifegrad gemessen wird";
    MethodReadinessText => "One set of common controls, written in our own words, is mapped to the requirements of every framework, each mapping marked as equal, subset, superset or intersecting. A control is assessed once; the status of each requirement follows from its controls, and readiness is the share of applicable requirements met, partial counting half.", "Ein Satz gemeinsamer Kontrollen, in eigenen Worten formuliert, ist den Anforderungen aller Regelwerke zugeordnet; jede Zuordnung ist als gleich, Teilmenge, Obermenge oder Überschneidung gekennzeichnet. Eine Kontrolle wird einmal bewertet; der Stand jeder Anforderung folgt aus ihren Kontrollen, und der Reifegrad ist der Anteil erfüllter anwendbarer Anforderungen, teilweise erfüllte zählen halb.";
    MethodRoadmap => "How the roadmap is planned", "Wie der Fahrplan entsteht";
    MethodRoadmapText => "Every possible order of the frameworks is simulated. Orders are compared first on deadlines missed, then on how soon the party pressing hardest receives its first deliverable, then on the finish date. Audit and report durations follow the usual certification and attestation cycles; EU AI Act dates come from the regulatory calendar below.", "Jede mögliche Reihenfolge der Regelwerke wird durchgespielt. Verglichen wird zuerst nach verpassten Fristen, dann danach, wie früh die Partei mit dem größten Druck ihr erstes Ergebnis erhält, dann nach dem Abschlussdatum. Audit- und Berichtsdauern folgen den üblichen Zertifizierungs- und Prüfzyklen; Termine der KI-Verordnung stammen aus dem Regulierungskalender unten.";
    MethodCatalog => "Control catalogue {0} of {1}.", "Kontrollkatalog {0} vom {1}.";
    MethodCalendar => "Regulatory dates used", "Verwendete regulatorische Termine";
    MethodAiAct => "ISO/IEC 42001 and the EU AI Act", "ISO/IEC 42001 und die KI-Verordnung";
    MethodAiActText => "ISO/IEC 42001 is not a harmonised standard under Regulation (EU) 2024/1689 and gives no presumption of conformity. On its own it does not meet the quality management system of Art. 17: it lacks the product risk management of Art. 9, the technical documentation of Annex IV, post-market monitoring (Art. 72) and serious-incident reporting (Art. 73). Harmonised standards for the Act are being prepared by CEN-CENELEC JTC 21 (prEN 18286 for the quality management system); until they are published, a provider meets the Act's requirements directly and may use ISO/IEC 42001 as the backbone of its management system.", "ISO/IEC 42001 ist keine harmonisierte Norm nach der Verordnung (EU) 2024/1689 und begründet keine Konformitätsvermutung. Für sich allein erfüllt sie das Qualitätsmanagementsystem nach Art. 17 nicht: Ihr fehlen das produktbezogene Risikomanagement nach Art. 9, die technische Dokumentation nach Anhang IV, die Beobachtung nach dem Inverkehrbringen (Art. 72) und die Meldung schwerwiegender Vorfälle (Art. 73). Harmonisierte Normen zur Verordnung erarbeitet CEN-CENELEC JTC 21 (prEN 18286 für das Qualitätsmanagementsystem); bis zu ihrer Veröffentlichung erfüllt ein Anbieter die Anforderungen der Verordnung unmittelbar und kann ISO/IEC 42001 als Gerüst seines Managementsystems nutzen.";
    MethodRequired => "A framework is required when someone the client depends on asks for it by name, when the law requires it, or when the client already holds it and must keep it current; recommended when the client's situation points to it without such an ask; optional when it would add value without pressure.", "Ein Regelwerk ist erforderlich, wenn jemand, von dem der Mandant abhängt, es ausdrücklich verlangt, wenn das Gesetz es vorschreibt oder wenn der Mandant es bereits besitzt und aktuell halten muss; empfohlen, wenn die Lage des Mandanten ohne eine solche Forderung dafür spricht; freiwillig, wenn es ohne äußeren Druck Nutzen bringt.";
    SourceColumn => "Legal basis", "Rechtsgrundlage";
    Disclaimer => "Disclaimer", "Haftungsausschluss";
    DefaultDisclaimer => "This report rests on the information the client provided and on the state of the law and of the standards on the report date. It is a professional assessment, not legal advice and not a certification or attestation. Standards are cited by requirement identifier only; their text is not reproduced. Regulatory dates can change by law and should be checked before they are relied on.", "Dieser Bericht beruht auf den Angaben des Mandanten sowie auf dem Stand von Recht und Normen zum Berichtsdatum. Er ist eine fachliche Einschätzung, keine Rechtsberatung und keine Zertifizierung oder Testierung. Normen werden nur mit der Kennung ihrer Anforderungen zitiert; ihr Text wird nicht wiedergegeben. Regulatorische Termine können sich durch Gesetzgebung ändern und sind vor Verwendung zu prüfen.";

    // Rules, in our own words.
    RuleR1 => "A product that builds or provides AI points to ISO/IEC 42001; exposure to the EU market strengthens the case. ISO/IEC 42001 is not a harmonised standard under the AI Act and gives no presumption of conformity.", "Ein Produkt, das KI entwickelt oder anbietet, spricht für ISO/IEC 42001; Präsenz im EU-Markt verstärkt das. ISO/IEC 42001 ist keine harmonisierte Norm nach der KI-Verordnung und begründet keine Konformitätsvermutung.";
    RuleR2 => "A service organisation processing customer data, whose customers ask how it is protected, points to SOC 2: recommended (required only when asked for by name, see R8); blocked deals make it urgent.", "Ein Dienstleister, der Kundendaten verarbeitet und dessen Kunden nach deren Schutz fragen, spricht für SOC 2: empfohlen (erforderlich erst, wenn ausdrücklich verlangt, siehe R8); blockierte Abschlüsse machen es dringend.";
    RuleR3 => "A SaaS or AI vendor selling into both the US and the EU typically needs both SOC 2 and ISO/IEC 42001.", "Ein SaaS- oder KI-Anbieter mit Kunden in den USA und der EU braucht in der Regel SOC 2 und ISO/IEC 42001.";
    RuleR4 => "An ISO/IEC 27001 ISMS already in place is reused for SOC 2 and ISO/IEC 42001, not redone.", "Ein bestehendes ISMS nach ISO/IEC 27001 wird für SOC 2 und ISO/IEC 42001 weiterverwendet, nicht neu aufgebaut.";
    RuleR5 => "Who is asking decides the order: the party pressing hardest (blocked deals, then the earliest deadline) gets its framework first; an ask for AI Act compliance or AI governance points at ISO/IEC 42001. Deadlines the plan cannot meet are flagged as missed.", "Wer fragt, bestimmt die Reihenfolge: Wer den stärksten Druck macht (blockierte Abschlüsse, dann die früheste Frist), erhält sein Regelwerk zuerst; eine Forderung nach Konformität mit der KI-Verordnung oder nach KI-Governance weist auf ISO/IEC 42001. Fristen, die der Plan nicht halten kann, werden als verpasst markiert.";
    RuleR6 => "The frameworks are not alternatives; each answers its own question.", "Die Regelwerke sind keine Alternativen; jedes beantwortet eine eigene Frage.";
    RuleR7 => "Cadence differs: ISO runs a three-year cycle with yearly surveillance; SOC 2 reports yearly, Type I before Type II.", "Die Zyklen unterscheiden sich: ISO arbeitet im Dreijahreszyklus mit jährlicher Überwachung; SOC 2 berichtet jährlich, Typ I vor Typ II.";
    RuleR8 => "A party asking for a framework by name makes it required (as do the law and a certificate or report already held); a question that names no framework makes it at most recommended.", "Verlangt eine Partei ein Regelwerk ausdrücklich, wird es erforderlich (ebenso durch Gesetz oder ein bereits vorhandenes Zertifikat bzw. einen Bericht); eine Frage ohne Nennung eines Regelwerks macht es höchstens empfehlenswert.";
    RuleR9 => "European buyers recognise ISO/IEC 27001 as assurance about their data.", "Europäische Kunden erkennen ISO/IEC 27001 als Nachweis für den Schutz ihrer Daten an.";
    RuleR10 => "EU AI Act obligations follow each system's role and risk tier once the system reaches the EU.", "Pflichten nach der KI-Verordnung folgen aus Rolle und Risikostufe jedes Systems, sobald es die EU erreicht.";
    RuleR11 => "A prohibited practice under Art. 5 is a stop sign that comes before everything else.", "Eine verbotene Praktik nach Art. 5 ist ein Stoppsignal, das allem anderen vorgeht.";
    RuleR12 => "Without EU exposure the EU AI Act does not reach the client.", "Ohne Bezug zur EU erfasst die KI-Verordnung den Mandanten nicht.";
    RuleR13 => "SOC 2 categories beyond security follow the service's facts: privacy when it collects personal information directly from individuals, availability when customers rely on it under commitments, confidentiality for business data customers entrust, processing integrity for transactions whose accuracy they rely on. A first report stays lean.", "SOC-2-Kategorien über Sicherheit hinaus folgen den Fakten des Dienstes: Datenschutz, wenn er personenbezogene Daten direkt bei Personen erhebt; Verfügbarkeit, wenn Kunden sich auf Zusagen verlassen; Vertraulichkeit für anvertraute Geschäftsdaten; Verarbeitungsintegrität für Transaktionen, auf deren Richtigkeit Kunden sich verlassen. Ein erster Bericht bleibt schlank.";
    RuleR14 => "A certificate or report already held is kept current, not started again.", "Ein vorhandenes Zertifikat oder ein vorhandener Bericht wird aktuell gehalten, nicht neu begonnen.";
    RuleR15 => "A request for assurance about AI governance is best answered with ISO/IEC 42001.", "Eine Anfrage nach Nachweisen zur KI-Steuerung beantwortet ISO/IEC 42001 am besten.";
    RuleR16 => "AI used only from others or only internally calls for proportionate governance; a 42001 certificate is optional.", "KI, die nur von Dritten bezogen oder nur intern genutzt wird, verlangt angemessene Steuerung; ein 42001-Zertifikat ist freiwillig.";

    // Sectors and markets.
    SectorSoftware => "Software", "Softwareindustrie";
    SectorFinancialServices => "Financial services", "Finanzdienstleistungen";
    SectorInsurance => "Insurance", "Versicherungen";
    SectorHealthcare => "Healthcare", "Gesundheitswesen";
    SectorLifeSciences => "Life sciences", "Life Sciences und Pharma";
    SectorManufacturing => "Manufacturing", "Industrie und Fertigung";
    SectorAutomotive => "Automotive", "Automobilindustrie";
    SectorEnergy => "Energy", "Energiewirtschaft";
    SectorTelecommunications => "Telecommunications", "Telekommunikation";
    SectorPublicSector => "Public sector", "Öffentlicher Sektor";
    SectorEducation => "Education", "Bildung";
    SectorRetail => "Retail", "Handel";
    SectorLogistics => "Logistics", "Logistik";
    SectorProfessionalServices => "Professional services", "Beratung und freie Berufe";
    SectorMedia => "Media", "Medien";
    SectorOther => "Other", "Sonstige";
    MarketUs => "United States", "USA";
    MarketEu => "European Union", "Europäische Union";
    MarketUk => "United Kingdom", "Vereinigtes Königreich";
    MarketOther => "other markets", "weitere Märkte";
}

/// Entries that read the same in both languages on purpose: proper names, codes, formats.
pub const SAME_IN_BOTH: &[S] = &[S::OrderItemPlain, S::VerdictHeading, S::PhaseColumn, S::AiQuestionLine];

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: S) -> &'static str {
    match lang {
        Lang::En => key.en(),
        Lang::De => key.de(),
    }
}

/// The text of `key` with its blanks `{0}`, `{1}`, ... filled in order.
pub fn tf(lang: Lang, key: S, args: &[&str]) -> String {
    let mut text = t(lang, key).to_owned();
    for (i, arg) in args.iter().enumerate() {
        text = text.replace(&format!("{{{i}}}"), arg);
    }
    text
}

const MONTHS_SHORT_EN: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_SHORT_DE: [&str; 12] =
    ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"];

/// Short month names, January first (month names are proper names: several read the same).
pub fn short_months(lang: Lang) -> [String; 12] {
    let names = match lang {
        Lang::En => MONTHS_SHORT_EN,
        Lang::De => MONTHS_SHORT_DE,
    };
    names.map(str::to_owned)
}

fn month_index(date: Date) -> usize {
    (date.month() as usize).clamp(1, 12) - 1
}

/// `29 November 2026` or `29. November 2026`.
pub fn long_date(lang: Lang, date: Date) -> String {
    // One spelling of dates in sentences for the core's texts and the report's own.
    date.long(lang)
}

/// `29 Nov 2026` or `29.11.2026`, for tables.
pub fn short_date(lang: Lang, date: Date) -> String {
    match lang {
        Lang::En => format!("{} {} {}", date.day(), MONTHS_SHORT_EN[month_index(date)], date.year()),
        Lang::De => format!("{:02}.{:02}.{}", date.day(), date.month(), date.year()),
    }
}

/// A number with `decimals` places and thousands separators: `1,234.5` or `1.234,5`.
pub fn number(lang: Lang, value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (group, point) = match lang {
        Lang::En => (',', '.'),
        Lang::De => ('.', ','),
    };
    let mut out = String::new();
    if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// A percentage, rounded to a whole number: `45%` or `45 %`.
pub fn percent(lang: Lang, value: f64) -> String {
    match lang {
        Lang::En => format!("{}%", number(lang, value, 0)),
        Lang::De => format!("{} %", number(lang, value, 0)),
    }
}

/// Person-days: whole days without decimals, else one decimal.
pub fn days(lang: Lang, value: f64) -> String {
    let decimals = if (value - value.round()).abs() < 0.05 { 0 } else { 1 };
    number(lang, value, decimals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blanks(text: &str) -> Vec<String> {
        let mut found: Vec<String> = text
            .match_indices('{')
            .filter_map(|(i, _)| text[i..].find('}').map(|end| text[i..i + end + 1].to_owned()))
            .collect();
        found.sort();
        found.dedup();
        found
    }

    #[test]
    fn every_string_exists_in_both_languages_with_the_same_blanks() {
        for key in S::ALL {
            assert!(!key.en().trim().is_empty(), "{key:?} has no English text");
            assert!(!key.de().trim().is_empty(), "{key:?} has no German text");
            assert_eq!(blanks(key.en()), blanks(key.de()), "{key:?} has different blanks");
        }
    }

    #[test]
    fn no_string_reads_the_same_in_both_languages_except_proper_names() {
        let same: Vec<&S> = S::ALL.iter().filter(|k| k.en() == k.de() && !SAME_IN_BOTH.contains(k)).collect();
        assert!(same.is_empty(), "untranslated: {same:?}");
        for key in SAME_IN_BOTH {
            assert_eq!(key.en(), key.de(), "{key:?} is listed as the same in both but is not");
        }
    }

    #[test]
    fn fills_blanks_in_order() {
        assert_eq!(tf(Lang::En, S::RowForClient, &["Acme"]), "For Acme");
        assert_eq!(tf(Lang::De, S::AiActForClientSystems, &["2", "3"]), "Gilt für 2 von 3 KI-Systemen");
    }

    #[track_caller]
    fn check_number(lang: Lang, value: f64, decimals: usize, expected: &str) {
        assert_eq!(number(lang, value, decimals), expected);
    }

    #[test]
    fn formats_numbers_and_dates_per_language() {
        check_number(Lang::En, 1234.56, 1, "1,234.6");
        check_number(Lang::De, 1234.56, 1, "1.234,6");
        check_number(Lang::En, 12.0, 0, "12");
        check_number(Lang::De, 1_000_000.0, 0, "1.000.000");
        check_number(Lang::En, -3.25, 2, "-3.25");
        check_number(Lang::En, -0.01, 0, "0");
        assert_eq!(percent(Lang::En, 45.4), "45%");
        assert_eq!(percent(Lang::De, 45.6), "46 %");
        assert_eq!(days(Lang::De, 12.5), "12,5");
        assert_eq!(days(Lang::En, 12.0), "12");
        let d = Date::new(2026, 11, 29).unwrap();
        assert_eq!(long_date(Lang::En, d), "29 November 2026");
        assert_eq!(long_date(Lang::De, d), "29. November 2026");
        assert_eq!(short_date(Lang::En, d), "29 Nov 2026");
        assert_eq!(short_date(Lang::De, Date::new(2027, 3, 2).unwrap()), "02.03.2027");
        assert_eq!(short_months(Lang::De)[2], "Mär");
    }
}
