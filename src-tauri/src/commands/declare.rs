// Every IPC command of the app, declared once: the module of its function, its name, the fields of
// its one request object (sent as `{ request: {...} }`) and its reply. This file is read twice:
// `build.rs` includes it for the names (one permission each), `commands/mod.rs` for the rest (the
// handler list, each command's `Args` and `Reply` types, the generated `ui/src/lib/commands.ts`
// and `capabilities/main.json`). A field written `ty as TsTy` arrives as `ty` and is typed `TsTy`
// in TypeScript. Keep it to the declarations: no `use`, no code.
commands! {
    /// Tells the shell the portfolio is interactive (start-up's memory is released a little later;
    /// the start-up benchmark's mark); answers with the clients whose grid the benchmark wants
    /// switched to, none outside the benchmark.
    bench::app_ready() -> Vec<String>;
    /// The grid-switch benchmark's timings, in milliseconds.
    bench::bench_result(grid_switch_ms: Vec<f64>) -> ();

    clients::app_info() -> AppInfo;
    clients::list_clients(query: ListQuery) -> Vec<ClientSummary>;
    clients::get_client(id: ClientId) -> Client;
    /// The profile arrives as plain JSON and is parsed by the core, so a bad value comes back as
    /// an error at its field.
    clients::create_client(profile: serde_json::Value as ClientProfile) -> Client;
    clients::update_client(id: ClientId, profile: serde_json::Value as ClientProfile) -> Client;
    clients::archive_client(id: ClientId) -> Client;
    clients::restore_client(id: ClientId) -> Client;
    clients::delete_client(id: ClientId) -> ();
    clients::load_demo() -> DemoOutcome;
    /// Verdicts and roadmap for a stored client, with the consultant's overrides applied.
    clients::advise_client(id: ClientId, settings: AdviceSettings) -> Advice;
    clients::get_overrides(id: ClientId) -> Overrides;
    /// Makes one change to the client's roadmap overrides (an exclusion or a start date replaces
    /// that framework's earlier one); answers with all of them.
    clients::change_overrides(id: ClientId, change: OverrideChange) -> Overrides;

    /// Every control in the client's scope with what the current assessment records for it.
    assessment::assessment_view(id: ClientId, today: Date) -> AssessmentView;
    /// Saves one control's record (status, notes, evidence, owner, due date, justification).
    assessment::save_control_entry(id: ClientId, entry: ControlEntry, today: Date) -> RecordedEntry;
    /// Sets one status on many controls at once, all or nothing; other fields stay as they are.
    assessment::set_statuses(
        id: ClientId,
        control_ids: Vec<String>,
        status: ControlStatus,
        justification: Option<String>,
        today: Date,
    ) -> ImportOutcome;
    assessment::assessments(id: ClientId) -> Vec<AssessmentInfo>;
    /// Starts a dated assessment, empty or as a copy of the previous one.
    assessment::new_assessment(id: ClientId, date: Date, from_previous: bool, today: Date) -> AssessmentInfo;
    assessment::analyze_client(id: ClientId, settings: AnalysisSettings) -> Analysis;
    assessment::assessment_history(id: ClientId, settings: AnalysisSettings) -> Vec<HistoryPoint>;
    /// The portfolio page: the clients the query finds, each active one with its frameworks,
    /// readiness, next milestone and actions, filtered and sorted by the core. With `figures`
    /// `false` (skip) and a query that neither filters nor sorts by them, the list alone (the fast
    /// first answer).
    assessment::dashboard(query: DashboardQuery, today: Date, figures: Figures) -> Dashboard;
    assessment::client_scope(id: ClientId, today: Date) -> ClientScope;
    assessment::set_client_scope(id: ClientId, scope: ScopeInput, today: Date) -> ClientScope;
    /// What importing the spreadsheet at `path` would change, per control and field, with the
    /// problems that would refuse it; writes nothing.
    assessment::preview_assessment_import(id: ClientId, path: String) -> ImportPreview;
    /// Imports the spreadsheet at `path` into the current assessment, if it is still the file that
    /// was previewed (`digest`); all rows or none.
    assessment::import_assessment_file(id: ClientId, path: String, digest: String, today: Date) -> ImportOutcome;
    /// Records a SOC 2 subservice organisation of the client (carve-out or inclusive), replacing
    /// one of the same name; gives the scope.
    assessment::set_subservice_organisation(id: ClientId, organisation: SubserviceInput, today: Date) -> ClientScope;
    /// Forgets a SOC 2 subservice organisation of the client; gives the scope.
    assessment::remove_subservice_organisation(id: ClientId, name: String, today: Date) -> ClientScope;

    /// The files attached to one control of the client's current assessment.
    evidence::control_evidence(id: ClientId, control_id: String) -> EvidenceList;
    /// Every file of the client's current assessment, with the controls it is attached to and the
    /// frameworks and requirements those serve.
    evidence::client_evidence(id: ClientId) -> ClientEvidence;
    /// Reads the files at `paths` (chosen in the open dialog or dropped on the window) and
    /// attaches them to a control of the current assessment, all or none, with who provided them,
    /// when and a note.
    evidence::add_evidence(id: ClientId, control_id: String, paths: Vec<String>, meta: EvidenceMeta, today: Date)
        -> Vec<EvidenceLink>;
    /// Writes one file (by its SHA-256) to `path`, chosen in the save dialog, whole or not at all.
    evidence::export_evidence(id: ClientId, sha256: String, path: String) -> EvidenceExport;
    /// Opens a temporary copy of one file in the system's viewer.
    evidence::open_evidence(id: ClientId, sha256: String) -> ();
    /// Detaches one file from a control of the current assessment (the file goes with its last
    /// link).
    evidence::remove_evidence(id: ClientId, control_id: String, sha256: String) -> EvidenceRemoved;
    /// After how many months evidence is flagged as stale.
    evidence::evidence_max_age() -> u32;
    evidence::set_evidence_max_age(months: u32) -> u32;

    /// The client's evidence requests, each with the requirements its control serves in scope.
    requests::list_requests(id: ClientId, today: Date) -> Vec<EvidenceRequest>;
    /// Asks for evidence of every gap of the current assessment that has no open request yet;
    /// running it again adds nothing.
    requests::generate_requests(id: ClientId, options: GenerateRequests, today: Date) -> GeneratedRequests;
    /// Changes one request (status, owner, due date, note, what to provide); bad input changes
    /// nothing.
    requests::set_request(id: ClientId, request: i64 as f64, edit: RequestEdit, today: Date) -> EvidenceRequest;
    requests::remove_request(id: ClientId, request: i64 as f64, today: Date) -> EvidenceRequest;
    /// Writes the requests to `path` (chosen in the save dialog): XLSX with one sheet per owner,
    /// or CSV; whole or not at all.
    requests::export_requests(id: ClientId, path: String, format: SheetFormat, lang: Lang, today: Date)
        -> RequestsExported;
    /// What importing the returned spreadsheet at `path` would change; writes nothing. A file with
    /// a bad row is refused with every problem named by sheet and row.
    requests::preview_requests_import(id: ClientId, path: String) -> RequestsImportPreview;
    /// Imports the returned spreadsheet at `path`, if it is still the file that was previewed
    /// (`digest`): the status, owner, due date and note of each request, every row or none.
    requests::import_requests(id: ClientId, path: String, digest: String) -> RequestImport;

    /// Opens the locked (encrypted) portfolio with its passphrase.
    security::unlock(passphrase: String) -> ();
    security::set_passphrase(passphrase: String) -> PassphraseOutcome;
    security::change_passphrase(current: String, passphrase: String) -> PassphraseOutcome;
    security::remove_passphrase(current: String) -> PassphraseOutcome;
    security::backup_now() -> BackupInfo;
    security::list_backups() -> Vec<BackupInfo>;
    /// Replaces the portfolio with a backup (checked first; the replaced database is kept as a
    /// backup), then reopens it.
    security::restore_backup(file: String, passphrase: Option<String>) -> RestoreOutcome;
    /// A page of a client's audit trail, newest first.
    security::audit_log(id: ClientId, limit: u32, offset: u32) -> AuditPage;

    report::get_branding() -> BrandingSettings;
    /// Checks the branding, then stores it; bad input is refused whole and nothing is stored.
    report::set_branding(settings: BrandingSettings) -> BrandingSettings;
    /// Stores (checked) or removes a client's logo (base64).
    report::set_client_logo(id: ClientId, logo: Option<String>) -> ();
    /// Writes a client's report to `path` (chosen in the save dialog), as a PDF or a Word document,
    /// whole or not at all (a PDF when no format is given).
    report::export_report(id: ClientId, path: String, lang: Lang, today: Date, format: Option<ReportFileFormat>) -> Exported;

    /// Asks a running job to stop after the item it is on.
    jobs::cancel_job(job: String) -> ();
    /// Writes the report of every active client into `folder`, one PDF each.
    jobs::export_all_reports(job: String, folder: String, lang: Lang, today: Date) -> BatchOutcome;
    /// Writes every active client into `folder` as a package of its own, encrypted with
    /// `passphrase` when one is given.
    jobs::export_all_packages(job: String, folder: String, passphrase: Option<String>) -> BatchOutcome;
    /// Imports package files, each whole or not at all.
    jobs::import_packages(
        job: String,
        files: Vec<String>,
        mode: ImportMode,
        passphrase: Option<String>,
    ) -> BatchOutcome;

    /// The team this portfolio syncs with, or none when it is in no team.
    team::team_status() -> Option<TeamStatus>;
    /// Starts a team in `folder` (new or empty) with this portfolio as its first device; the key
    /// is derived from `passphrase`, which the other members need to join.
    team::team_init(folder: String, passphrase: String) -> TeamStatus;
    /// Joins the team in `folder` with its passphrase and brings in what the team shares.
    team::team_join(folder: String, passphrase: String) -> SyncReport;
    /// Sends what changed here to the team folder, then applies what the others wrote.
    team::team_sync() -> SyncReport;
    /// Leaves the team: the portfolio keeps its data and shares nothing any more.
    team::team_leave() -> ();
    /// The ids of the clients shared with the team (every other client is private).
    team::team_shared_clients() -> Vec<String>;
    /// Shares a client with the team, or makes it private again.
    team::team_share(id: ClientId, shared: Sharing) -> ();
    /// The values that lost in a sync: the open ones, or every one with `all`.
    team::team_conflicts(all: ConflictList) -> Vec<Conflict>;
    /// Keeps one side of a conflict; keeping the side that lost is a new edit that syncs out.
    team::team_resolve(conflict: i64 as i32, keep: Keep) -> Conflict;

    catalog::catalog_info() -> CatalogInfo;
    catalog::catalog_frameworks() -> Vec<FrameworkSummary>;
    catalog::catalog_domains() -> Vec<Domain>;
    /// A framework's requirements in tree order, each with the controls mapped to it.
    catalog::catalog_requirements(framework: String) -> Vec<RequirementControls>;
    /// Controls whose id or title (English or German) contains `search`.
    catalog::catalog_controls(search: String) -> Vec<ControlSummary>;
    /// One control and every requirement of every framework it serves.
    catalog::catalog_control(id: String) -> ControlDetail;
}
