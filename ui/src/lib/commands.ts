// Generated from the declarations in src-tauri/src/commands/declare.rs. Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test -p crosswalk commands` instead.

import type {
  Advice,
  AdviceSettings,
  Analysis,
  AnalysisSettings,
  AssessmentInfo,
  AssessmentView,
  AuditPage,
  BackupInfo,
  BatchOutcome,
  BrandingSettings,
  CatalogInfo,
  Client,
  ClientId,
  ClientProfile,
  ClientScope,
  ClientSummary,
  Conflict,
  ConflictList,
  ControlDetail,
  ControlEntry,
  ControlStatus,
  ControlSummary,
  Dashboard,
  DashboardQuery,
  DemoOutcome,
  Domain,
  ErrorReport,
  EvidenceExport,
  EvidenceFileInfo,
  EvidenceLink,
  EvidenceList,
  EvidenceMeta,
  EvidenceRemoved,
  EvidenceRequest,
  Figures,
  FrameworkSummary,
  GenerateRequests,
  GeneratedRequests,
  HistoryPoint,
  ImportMode,
  ImportOutcome,
  ImportPreview,
  IsoDate,
  Keep,
  Lang,
  ListQuery,
  OverrideChange,
  Overrides,
  PassphraseOutcome,
  RecordedEntry,
  RequestEdit,
  RequestImport,
  RequirementControls,
  RestoreOutcome,
  ScopeInput,
  Sharing,
  SheetFormat,
  SubserviceInput,
  SyncReport,
  TeamStatus,
} from './bindings';

export type AppInfo = { version: string, database: string | null, schema_version: number, 
/**
 * Why the portfolio is not open (`passphrase_required` when it is locked), if it is not.
 */
open_error: ErrorReport | null, };

export type ClientEvidence = { 
/**
 * The current assessment's date; none when the client has no assessment yet.
 */
assessment_date: IsoDate | null, 
/**
 * The portfolio's stale-after setting, in months.
 */
max_age_months: number, 
/**
 * The files of the current assessment, in the order of their first link (by control, then
 * name).
 */
files: Array<EvidenceFileInfo>, };

export type Exported = { path: string, bytes: number, };

export type ReportFileFormat = "pdf" | "docx";

export type RequestsExported = { path: string, 
/**
 * How many requests the file holds.
 */
requests: number, bytes: number, };

export type RequestsImportPreview = { 
/**
 * The SHA-256 of the file previewed: the import applies only that file.
 */
digest: string, 
/**
 * The changes, as a dry run (`applied` is false).
 */
import: RequestImport, };

/** Sends one command with its request object (none for a command without fields). */
export type Call = <T>(command: string, request?: Record<string, unknown>) => Promise<T>;

/** Every command of the shell as a typed function, sent through `call`. */
export function commands(call: Call) {
  return {
    /**
     * Tells the shell the portfolio is interactive (start-up's memory is released a little later;
     * the start-up benchmark's mark); answers with the clients whose grid the benchmark wants
     * switched to, none outside the benchmark.
     */
    appReady: () => call<Array<string>>('app_ready'),
    /**
     * The grid-switch benchmark's timings, in milliseconds.
     */
    benchResult: (gridSwitchMs: Array<number>) => call<null>('bench_result', { grid_switch_ms: gridSwitchMs }),
    appInfo: () => call<AppInfo>('app_info'),
    listClients: (query: ListQuery) => call<Array<ClientSummary>>('list_clients', { query }),
    getClient: (id: ClientId) => call<Client>('get_client', { id }),
    /**
     * The profile arrives as plain JSON and is parsed by the core, so a bad value comes back as
     * an error at its field.
     */
    createClient: (profile: ClientProfile) => call<Client>('create_client', { profile }),
    updateClient: (id: ClientId, profile: ClientProfile) => call<Client>('update_client', { id, profile }),
    archiveClient: (id: ClientId) => call<Client>('archive_client', { id }),
    restoreClient: (id: ClientId) => call<Client>('restore_client', { id }),
    deleteClient: (id: ClientId) => call<null>('delete_client', { id }),
    loadDemo: () => call<DemoOutcome>('load_demo'),
    /**
     * Verdicts and roadmap for a stored client, with the consultant's overrides applied.
     */
    adviseClient: (id: ClientId, settings: AdviceSettings) => call<Advice>('advise_client', { id, settings }),
    getOverrides: (id: ClientId) => call<Overrides>('get_overrides', { id }),
    /**
     * Makes one change to the client's roadmap overrides (an exclusion or a start date replaces
     * that framework's earlier one); answers with all of them.
     */
    changeOverrides: (id: ClientId, change: OverrideChange) => call<Overrides>('change_overrides', { id, change }),
    /**
     * Every control in the client's scope with what the current assessment records for it.
     */
    assessmentView: (id: ClientId, today: IsoDate) => call<AssessmentView>('assessment_view', { id, today }),
    /**
     * Saves one control's record (status, notes, evidence, owner, due date, justification).
     */
    saveControlEntry: (id: ClientId, entry: ControlEntry, today: IsoDate) => call<RecordedEntry>('save_control_entry', { id, entry, today }),
    /**
     * Sets one status on many controls at once, all or nothing; other fields stay as they are.
     */
    setStatuses: (id: ClientId, controlIds: Array<string>, status: ControlStatus, justification: string | null, today: IsoDate) => call<ImportOutcome>('set_statuses', { id, control_ids: controlIds, status, justification, today }),
    assessments: (id: ClientId) => call<Array<AssessmentInfo>>('assessments', { id }),
    /**
     * Starts a dated assessment, empty or as a copy of the previous one.
     */
    newAssessment: (id: ClientId, date: IsoDate, fromPrevious: boolean, today: IsoDate) => call<AssessmentInfo>('new_assessment', { id, date, from_previous: fromPrevious, today }),
    analyzeClient: (id: ClientId, settings: AnalysisSettings) => call<Analysis>('analyze_client', { id, settings }),
    assessmentHistory: (id: ClientId, settings: AnalysisSettings) => call<Array<HistoryPoint>>('assessment_history', { id, settings }),
    /**
     * The portfolio page: the clients the query finds, each active one with its frameworks,
     * readiness, next milestone and actions, filtered and sorted by the core. With `figures`
     * `false` (skip) and a query that neither filters nor sorts by them, the list alone (the fast
     * first answer).
     */
    dashboard: (query: DashboardQuery, today: IsoDate, figures: Figures) => call<Dashboard>('dashboard', { query, today, figures }),
    clientScope: (id: ClientId, today: IsoDate) => call<ClientScope>('client_scope', { id, today }),
    setClientScope: (id: ClientId, scope: ScopeInput, today: IsoDate) => call<ClientScope>('set_client_scope', { id, scope, today }),
    /**
     * What importing the spreadsheet at `path` would change, per control and field, with the
     * problems that would refuse it; writes nothing.
     */
    previewAssessmentImport: (id: ClientId, path: string) => call<ImportPreview>('preview_assessment_import', { id, path }),
    /**
     * Imports the spreadsheet at `path` into the current assessment, if it is still the file that
     * was previewed (`digest`); all rows or none.
     */
    importAssessmentFile: (id: ClientId, path: string, digest: string, today: IsoDate) => call<ImportOutcome>('import_assessment_file', { id, path, digest, today }),
    /**
     * Records a SOC 2 subservice organisation of the client (carve-out or inclusive), replacing
     * one of the same name; gives the scope.
     */
    setSubserviceOrganisation: (id: ClientId, organisation: SubserviceInput, today: IsoDate) => call<ClientScope>('set_subservice_organisation', { id, organisation, today }),
    /**
     * Forgets a SOC 2 subservice organisation of the client; gives the scope.
     */
    removeSubserviceOrganisation: (id: ClientId, name: string, today: IsoDate) => call<ClientScope>('remove_subservice_organisation', { id, name, today }),
    /**
     * The files attached to one control of the client's current assessment.
     */
    controlEvidence: (id: ClientId, controlId: string) => call<EvidenceList>('control_evidence', { id, control_id: controlId }),
    /**
     * Every file of the client's current assessment, with the controls it is attached to and the
     * frameworks and requirements those serve.
     */
    clientEvidence: (id: ClientId) => call<ClientEvidence>('client_evidence', { id }),
    /**
     * Reads the files at `paths` (chosen in the open dialog or dropped on the window) and
     * attaches them to a control of the current assessment, all or none, with who provided them,
     * when and a note.
     */
    addEvidence: (id: ClientId, controlId: string, paths: Array<string>, meta: EvidenceMeta, today: IsoDate) => call<Array<EvidenceLink>>('add_evidence', { id, control_id: controlId, paths, meta, today }),
    /**
     * Writes one file (by its SHA-256) to `path`, chosen in the save dialog, whole or not at all.
     */
    exportEvidence: (id: ClientId, sha256: string, path: string) => call<EvidenceExport>('export_evidence', { id, sha256, path }),
    /**
     * Opens a temporary copy of one file in the system's viewer.
     */
    openEvidence: (id: ClientId, sha256: string) => call<null>('open_evidence', { id, sha256 }),
    /**
     * Detaches one file from a control of the current assessment (the file goes with its last
     * link).
     */
    removeEvidence: (id: ClientId, controlId: string, sha256: string) => call<EvidenceRemoved>('remove_evidence', { id, control_id: controlId, sha256 }),
    /**
     * After how many months evidence is flagged as stale.
     */
    evidenceMaxAge: () => call<number>('evidence_max_age'),
    setEvidenceMaxAge: (months: number) => call<number>('set_evidence_max_age', { months }),
    /**
     * The client's evidence requests, each with the requirements its control serves in scope.
     */
    listRequests: (id: ClientId, today: IsoDate) => call<Array<EvidenceRequest>>('list_requests', { id, today }),
    /**
     * Asks for evidence of every gap of the current assessment that has no open request yet;
     * running it again adds nothing.
     */
    generateRequests: (id: ClientId, options: GenerateRequests, today: IsoDate) => call<GeneratedRequests>('generate_requests', { id, options, today }),
    /**
     * Changes one request (status, owner, due date, note, what to provide); bad input changes
     * nothing.
     */
    setRequest: (id: ClientId, request: number, edit: RequestEdit, today: IsoDate) => call<EvidenceRequest>('set_request', { id, request, edit, today }),
    removeRequest: (id: ClientId, request: number, today: IsoDate) => call<EvidenceRequest>('remove_request', { id, request, today }),
    /**
     * Writes the requests to `path` (chosen in the save dialog): XLSX with one sheet per owner,
     * or CSV; whole or not at all.
     */
    exportRequests: (id: ClientId, path: string, format: SheetFormat, lang: Lang, today: IsoDate) => call<RequestsExported>('export_requests', { id, path, format, lang, today }),
    /**
     * What importing the returned spreadsheet at `path` would change; writes nothing. A file with
     * a bad row is refused with every problem named by sheet and row.
     */
    previewRequestsImport: (id: ClientId, path: string) => call<RequestsImportPreview>('preview_requests_import', { id, path }),
    /**
     * Imports the returned spreadsheet at `path`, if it is still the file that was previewed
     * (`digest`): the status, owner, due date and note of each request, every row or none.
     */
    importRequests: (id: ClientId, path: string, digest: string) => call<RequestImport>('import_requests', { id, path, digest }),
    /**
     * Opens the locked (encrypted) portfolio with its passphrase.
     */
    unlock: (passphrase: string) => call<null>('unlock', { passphrase }),
    setPassphrase: (passphrase: string) => call<PassphraseOutcome>('set_passphrase', { passphrase }),
    changePassphrase: (current: string, passphrase: string) => call<PassphraseOutcome>('change_passphrase', { current, passphrase }),
    removePassphrase: (current: string) => call<PassphraseOutcome>('remove_passphrase', { current }),
    backupNow: () => call<BackupInfo>('backup_now'),
    listBackups: () => call<Array<BackupInfo>>('list_backups'),
    /**
     * Replaces the portfolio with a backup (checked first; the replaced database is kept as a
     * backup), then reopens it.
     */
    restoreBackup: (file: string, passphrase: string | null) => call<RestoreOutcome>('restore_backup', { file, passphrase }),
    /**
     * A page of a client's audit trail, newest first.
     */
    auditLog: (id: ClientId, limit: number, offset: number) => call<AuditPage>('audit_log', { id, limit, offset }),
    getBranding: () => call<BrandingSettings>('get_branding'),
    /**
     * Checks the branding, then stores it; bad input is refused whole and nothing is stored.
     */
    setBranding: (settings: BrandingSettings) => call<BrandingSettings>('set_branding', { settings }),
    /**
     * Stores (checked) or removes a client's logo (base64).
     */
    setClientLogo: (id: ClientId, logo: string | null) => call<null>('set_client_logo', { id, logo }),
    /**
     * Writes a client's report to `path` (chosen in the save dialog), as a PDF or a Word document,
     * whole or not at all (a PDF when no format is given).
     */
    exportReport: (id: ClientId, path: string, lang: Lang, today: IsoDate, format: ReportFileFormat | null) => call<Exported>('export_report', { id, path, lang, today, format }),
    /**
     * Asks a running job to stop after the item it is on.
     */
    cancelJob: (job: string) => call<null>('cancel_job', { job }),
    /**
     * Writes the report of every active client into `folder`, one PDF each.
     */
    exportAllReports: (job: string, folder: string, lang: Lang, today: IsoDate) => call<BatchOutcome>('export_all_reports', { job, folder, lang, today }),
    /**
     * Writes every active client into `folder` as a package of its own, encrypted with
     * `passphrase` when one is given.
     */
    exportAllPackages: (job: string, folder: string, passphrase: string | null) => call<BatchOutcome>('export_all_packages', { job, folder, passphrase }),
    /**
     * Imports package files, each whole or not at all.
     */
    importPackages: (job: string, files: Array<string>, mode: ImportMode, passphrase: string | null) => call<BatchOutcome>('import_packages', { job, files, mode, passphrase }),
    /**
     * The team this portfolio syncs with, or none when it is in no team.
     */
    teamStatus: () => call<TeamStatus | null>('team_status'),
    /**
     * Starts a team in `folder` (new or empty) with this portfolio as its first device; the key
     * is derived from `passphrase`, which the other members need to join.
     */
    teamInit: (folder: string, passphrase: string) => call<TeamStatus>('team_init', { folder, passphrase }),
    /**
     * Joins the team in `folder` with its passphrase and brings in what the team shares.
     */
    teamJoin: (folder: string, passphrase: string) => call<SyncReport>('team_join', { folder, passphrase }),
    /**
     * Sends what changed here to the team folder, then applies what the others wrote.
     */
    teamSync: () => call<SyncReport>('team_sync'),
    /**
     * Leaves the team: the portfolio keeps its data and shares nothing any more.
     */
    teamLeave: () => call<null>('team_leave'),
    /**
     * The ids of the clients shared with the team (every other client is private).
     */
    teamSharedClients: () => call<Array<string>>('team_shared_clients'),
    /**
     * Shares a client with the team, or makes it private again.
     */
    teamShare: (id: ClientId, shared: Sharing) => call<null>('team_share', { id, shared }),
    /**
     * The values that lost in a sync: the open ones, or every one with `all`.
     */
    teamConflicts: (all: ConflictList) => call<Array<Conflict>>('team_conflicts', { all }),
    /**
     * Keeps one side of a conflict; keeping the side that lost is a new edit that syncs out.
     */
    teamResolve: (conflict: number, keep: Keep) => call<Conflict>('team_resolve', { conflict, keep }),
    catalogInfo: () => call<CatalogInfo>('catalog_info'),
    catalogFrameworks: () => call<Array<FrameworkSummary>>('catalog_frameworks'),
    catalogDomains: () => call<Array<Domain>>('catalog_domains'),
    /**
     * A framework's requirements in tree order, each with the controls mapped to it.
     */
    catalogRequirements: (framework: string) => call<Array<RequirementControls>>('catalog_requirements', { framework }),
    /**
     * Controls whose id or title (English or German) contains `search`.
     */
    catalogControls: (search: string) => call<Array<ControlSummary>>('catalog_controls', { search }),
    /**
     * One control and every requirement of every framework it serves.
     */
    catalogControl: (id: string) => call<ControlDetail>('catalog_control', { id }),
  };
}
