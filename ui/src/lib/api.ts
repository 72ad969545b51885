// The only module that talks to the Tauri backend. Everything else calls these typed functions
// and receives `ApiError`s with a stable code, never raw strings.

import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { BatchProgress, ClientId, ErrorCode, ErrorReport, FieldError } from './bindings';
import { commands } from './commands';

export type { AppInfo, Exported } from './commands';

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

/** Sends one command; its fields travel as the one `request` object the shell declares. */
async function call<T>(command: string, request?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, request === undefined ? undefined : { request });
  } catch (error) {
    throw toApiError(error);
  }
}

/** Every command of the shell as a typed function (generated from its declaration). */
export const api = commands(call);

/** Calls `handler` whenever any window changes client data. */
export function onClientsChanged(handler: (id: ClientId | null) => void): Promise<UnlistenFn> {
  return listen<ClientId | null>('clients-changed', (event) => handler(event.payload));
}

/** Calls `handler` after every team sync (by a command or on its own), with why it failed, if it did. */
export function onTeamSynced(handler: (problem: string | null) => void): Promise<UnlistenFn> {
  return listen<string | null>('team-synced', (event) => handler(event.payload));
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

/** The native file picker for an assessment spreadsheet; `null` when the user cancels. */
export async function chooseSheet(): Promise<string | null> {
  const { open } = await import('@tauri-apps/plugin-dialog');
  const picked = await open({
    multiple: false,
    title: 'Import an assessment spreadsheet',
    filters: [{ name: 'Spreadsheet (CSV or Excel)', extensions: ['csv', 'xlsx'] }],
  });
  return typeof picked === 'string' ? picked : null;
}

/** Shows a written file in the system's file manager. */
export async function revealFile(path: string): Promise<void> {
  const { revealItemInDir } = await import('@tauri-apps/plugin-opener');
  await revealItemInDir(path);
}

/** The native save dialog; `null` when the user cancels. */
export async function chooseSavePath(defaultName: string, format: 'pdf' | 'docx' = 'pdf'): Promise<string | null> {
  const { save } = await import('@tauri-apps/plugin-dialog');
  const filter =
    format === 'docx' ? { name: 'Word report', extensions: ['docx'] } : { name: 'PDF report', extensions: ['pdf'] };
  return save({ defaultPath: defaultName, filters: [filter] });
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

/** The kinds of file Crosswalk keeps as evidence, for the open dialog's filter. */
const EVIDENCE_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'gif', 'txt', 'csv', 'md', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'];

/** The native file picker for evidence files (several at once); empty when the user cancels. */
export async function chooseEvidenceFiles(title: string): Promise<string[]> {
  const { open } = await import('@tauri-apps/plugin-dialog');
  const picked = await open({
    multiple: true,
    title,
    filters: [
      { name: 'Documents, images, text', extensions: EVIDENCE_EXTENSIONS },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  if (picked === null) return [];
  return Array.isArray(picked) ? picked : [picked];
}

/** The native save dialog for an evidence file; `null` when the user cancels. */
export async function chooseEvidenceSavePath(defaultName: string): Promise<string | null> {
  const { save } = await import('@tauri-apps/plugin-dialog');
  return save({ defaultPath: defaultName });
}

/** Files dragged over or dropped on the window: their paths (the shell reads them) and where. */
export type FileDrop =
  | { type: 'enter' | 'over'; x: number; y: number }
  | { type: 'drop'; paths: string[]; x: number; y: number }
  | { type: 'leave' };

/** Calls `handler` while files are dragged over the window and when they are dropped. */
export async function onFileDrop(handler: (drop: FileDrop) => void): Promise<UnlistenFn> {
  const { getCurrentWebview } = await import('@tauri-apps/api/webview');
  return getCurrentWebview().onDragDropEvent((event) => {
    const p = event.payload;
    if (p.type === 'leave') handler({ type: 'leave' });
    else if (p.type === 'drop') handler({ type: 'drop', paths: p.paths, x: p.position.x, y: p.position.y });
    else handler({ type: p.type, x: p.position.x, y: p.position.y });
  });
}

/** The native file picker for a returned evidence-request spreadsheet; `null` when the user cancels. */
export async function chooseReturnedRequests(): Promise<string | null> {
  const { open } = await import('@tauri-apps/plugin-dialog');
  const picked = await open({
    multiple: false,
    title: 'Import returned evidence requests',
    filters: [{ name: 'Spreadsheet (Excel or CSV)', extensions: ['xlsx', 'csv'] }],
  });
  return typeof picked === 'string' ? picked : null;
}

/** The native save dialog for the evidence-request spreadsheet; `null` when the user cancels. */
export async function chooseRequestsSavePath(defaultName: string, format: 'xlsx' | 'csv'): Promise<string | null> {
  const { save } = await import('@tauri-apps/plugin-dialog');
  const filter =
    format === 'csv'
      ? { name: 'CSV spreadsheet', extensions: ['csv'] }
      : { name: 'Excel workbook (one sheet per owner)', extensions: ['xlsx'] };
  return save({ defaultPath: defaultName, filters: [filter] });
}
