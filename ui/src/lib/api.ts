// The only module that talks to the Tauri backend. Everything else calls these typed functions
// and receives `ApiError`s with a stable code, never raw strings.

import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  BatchOutcome,
  BatchProgress,
  ImportMode,
  BrandingSettings,
  AuditPage,
  BackupInfo,
  PassphraseOutcome,
  RestoreOutcome,
  Analysis,
  AnalysisSettings,
  AssessmentInfo,
  AssessmentView,
  ClientScope,
  ControlEntry,
  HistoryPoint,
  ImportOutcome,
  DashboardRow,
  RecordedEntry,
  ScopeInput,
  SubserviceInput,
  Advice,
  AdviceSettings,
  CatalogInfo,
  ControlDetail,
  ControlSummary,
  Domain,
  FrameworkSummary,
  RequirementControls,
  Client,
  ClientId,
  ClientProfile,
  ClientSummary,
  DemoOutcome,
  ErrorCode,
  ErrorReport,
  FieldError,
  ListQuery,
  Overrides,
} from './bindings';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];

  constructor(report: ErrorReport) {
    super(report.message);
    this.name = 'ApiError';
    this.code = report.code;
    this.fields = report.fields;
  }
}

function isReport(value: unknown): value is ErrorReport {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

/** Turns whatever a failed call threw into an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isReport(error)) return new ApiError({ ...error, fields: error.fields ?? [] });
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({ code: 'internal', message, fields: [] });
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}

export interface AppInfo {
  version: string;
  database: string | null;
  schema_version: number;
  /** Why the portfolio is not open (`passphrase_required` when it is locked), if it is not. */
  open_error: ErrorReport | null;
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  /** Tells the shell the portfolio is interactive (the start-up benchmark's mark); answers with
   * the clients whose grid the benchmark wants switched to, none outside the benchmark. */
  appReady: () => call<string[]>('app_ready'),
  benchResult: (gridSwitchMs: number[]) => call<null>('bench_result', { gridSwitchMs }),
  listClients: (query: ListQuery) => call<ClientSummary[]>('list_clients', { query }),
  getClient: (id: ClientId) => call<Client>('get_client', { id }),
  createClient: (profile: ClientProfile) => call<Client>('create_client', { profile }),
  updateClient: (id: ClientId, profile: ClientProfile) => call<Client>('update_client', { id, profile }),
  archiveClient: (id: ClientId) => call<Client>('archive_client', { id }),
  restoreClient: (id: ClientId) => call<Client>('restore_client', { id }),
  deleteClient: (id: ClientId) => call<null>('delete_client', { id }),
  loadDemo: () => call<DemoOutcome>('load_demo'),
  adviseClient: (id: ClientId, settings: AdviceSettings) => call<Advice>('advise_client', { id, settings }),
  getOverrides: (id: ClientId) => call<Overrides>('get_overrides', { id }),
  setOverrides: (id: ClientId, overrides: Overrides) => call<Overrides>('set_overrides', { id, overrides }),
  assessmentView: (id: ClientId, today: string) => call<AssessmentView>('assessment_view', { id, today }),
  saveControlEntry: (id: ClientId, entry: ControlEntry, today: string) =>
    call<RecordedEntry>('save_control_entry', { id, entry, today }),
  setStatuses: (id: ClientId, controlIds: string[], status: string, justification: string | null, today: string) =>
    call<ImportOutcome>('set_statuses', { id, controlIds, status, justification, today }),
  assessments: (id: ClientId) => call<AssessmentInfo[]>('assessments', { id }),
  newAssessment: (id: ClientId, date: string, fromPrevious: boolean, today: string) =>
    call<AssessmentInfo>('new_assessment', { id, date, fromPrevious, today }),
  analyzeClient: (id: ClientId, settings: AnalysisSettings) => call<Analysis>('analyze_client', { id, settings }),
  assessmentHistory: (id: ClientId, settings: AnalysisSettings) =>
    call<HistoryPoint[]>('assessment_history', { id, settings }),
  portfolioDashboard: (today: string) => call<DashboardRow[]>('portfolio_dashboard', { today }),
  clientScope: (id: ClientId, today: string) => call<ClientScope>('client_scope', { id, today }),
  setClientScope: (id: ClientId, scope: ScopeInput, today: string) =>
    call<ClientScope>('set_client_scope', { id, scope, today }),
  setSubserviceOrganisation: (id: ClientId, organisation: SubserviceInput, today: string) =>
    call<ClientScope>('set_subservice_organisation', { id, organisation, today }),
  removeSubserviceOrganisation: (id: ClientId, name: string, today: string) =>
    call<ClientScope>('remove_subservice_organisation', { id, name, today }),
  unlock: (passphrase: string) => call<null>('unlock', { passphrase }),
  setPassphrase: (passphrase: string) => call<PassphraseOutcome>('set_passphrase', { passphrase }),
  changePassphrase: (current: string, passphrase: string) =>
    call<PassphraseOutcome>('change_passphrase', { current, passphrase }),
  removePassphrase: (current: string) => call<PassphraseOutcome>('remove_passphrase', { current }),
  backupNow: () => call<BackupInfo>('backup_now'),
  listBackups: () => call<BackupInfo[]>('list_backups_cmd'),
  restoreBackup: (file: string, passphrase: string | null) =>
    call<RestoreOutcome>('restore_backup_cmd', { file, passphrase }),
  auditLog: (id: ClientId, limit: number, offset: number) => call<AuditPage>('audit_log', { id, limit, offset }),
  getBranding: () => call<BrandingSettings>('get_branding'),
  setBranding: (settings: BrandingSettings) => call<BrandingSettings>('set_branding', { settings }),
  setClientLogo: (id: ClientId, logo: string | null) => call<null>('set_client_logo', { id, logo }),
  exportReport: (id: ClientId, path: string, lang: 'en' | 'de', today: string) =>
    call<{ path: string; bytes: number }>('export_report', { request: { id, path, lang, today } }),
  exportAllReports: (job: string, folder: string, lang: 'en' | 'de', today: string) =>
    call<BatchOutcome>('export_all_reports', { job, folder, lang, today }),
  exportAllPackages: (job: string, folder: string, passphrase: string | null) =>
    call<BatchOutcome>('export_all_packages', { job, folder, passphrase }),
  importPackages: (job: string, files: string[], mode: ImportMode, passphrase: string | null) =>
    call<BatchOutcome>('import_packages', { job, files, mode, passphrase }),
  cancelJob: (job: string) => call<null>('cancel_job', { job }),
  catalogInfo: () => call<CatalogInfo>('catalog_info'),
  catalogFrameworks: () => call<FrameworkSummary[]>('catalog_frameworks'),
  catalogDomains: () => call<Domain[]>('catalog_domains'),
  catalogRequirements: (framework: string) => call<RequirementControls[]>('catalog_requirements', { framework }),
  catalogControls: (search: string) => call<ControlSummary[]>('catalog_controls', { search }),
  catalogControl: (id: string) => call<ControlDetail>('catalog_control', { id }),
};

/** Calls `handler` whenever any window changes client data. */
export function onClientsChanged(handler: (id: ClientId | null) => void): Promise<UnlistenFn> {
  return listen<ClientId | null>('clients-changed', (event) => handler(event.payload));
}

/** Progress of the long jobs (batch export, import), for every job; filter by `job`. */
export function onJobProgress(handler: (progress: BatchProgress) => void): Promise<UnlistenFn> {
  return listen<BatchProgress>('job-progress', (event) => handler(event.payload));
}

/** The native folder picker; `null` when the user cancels. */
export async function chooseFolder(title: string): Promise<string | null> {
  const { open } = await import('@tauri-apps/plugin-dialog');
  const picked = await open({ directory: true, multiple: false, title });
  return typeof picked === 'string' ? picked : null;
}

/** The native file picker for client packages; empty when the user cancels. */
export async function choosePackages(): Promise<string[]> {
  const { open } = await import('@tauri-apps/plugin-dialog');
  const picked = await open({
    multiple: true,
    title: 'Import client packages',
    filters: [{ name: 'Crosswalk client package', extensions: ['cwpkg'] }],
  });
  if (picked === null) return [];
  return Array.isArray(picked) ? picked : [picked];
}

/** Shows a written file in the system's file manager. */
export async function revealFile(path: string): Promise<void> {
  const { revealItemInDir } = await import('@tauri-apps/plugin-opener');
  await revealItemInDir(path);
}

/** The native save dialog; `null` when the user cancels. */
export async function chooseSavePath(defaultName: string): Promise<string | null> {
  const { save } = await import('@tauri-apps/plugin-dialog');
  return save({ defaultPath: defaultName, filters: [{ name: 'PDF report', extensions: ['pdf'] }] });
}

/** Opens a written file in the system's viewer. */
export async function openFile(path: string): Promise<void> {
  const { openPath } = await import('@tauri-apps/plugin-opener');
  await openPath(path);
}

/** A file the user picked, as base64 (for logos). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}
