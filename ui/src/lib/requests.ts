// Evidence requests in the window: grouping by owner, the labels of the statuses, the edit a form
// sends, and the file names the dialogs give. Pure functions, tested in `requests.test.ts`.

import { requestStatusLabels as generatedLabels } from './bindings';
import type { EvidenceRequest, RequestEdit, RequestRequirements, RequestStatus } from './bindings';

/** The English label of every status, from the core's words (generated with the types). */
export const requestStatusLabels = Object.fromEntries(
  Object.entries(generatedLabels).map(([status, text]) => [status, text.en]),
) as Record<RequestStatus, string>;

/** Every status, in the order a request goes through them. */
export const REQUEST_STATUSES = Object.keys(requestStatusLabels) as RequestStatus[];

/** The name shown for requests without an owner (the spreadsheet's sheet is named the same). */
export const UNASSIGNED = 'Unassigned';

export type OwnerGroup = {
  /** The owner as stored; empty for unassigned. */
  owner: string;
  label: string;
  requests: EvidenceRequest[];
  /** Open or rejected: still waiting for the client. */
  awaiting: number;
  overdue: number;
};

/** Still waiting for the client: open or rejected. */
export function awaitsClient(status: RequestStatus): boolean {
  return status === 'open' || status === 'rejected';
}

/**
 * The requests grouped by owner as the workbook's sheets group them (the core's `by_owner`): one
 * group per owner whatever the case, under the spelling met first; named owners alphabetically
 * (case-insensitive), unassigned last; within a group the requests awaiting the client first,
 * then by number.
 */
export function groupByOwner(requests: EvidenceRequest[]): OwnerGroup[] {
  const groups = new Map<string, { owner: string; requests: EvidenceRequest[] }>();
  for (const r of requests) {
    const owner = r.owner.trim();
    const key = owner.toLowerCase();
    const group = groups.get(key);
    if (group) group.requests.push(r);
    else groups.set(key, { owner, requests: [r] });
  }
  const keys = [...groups.keys()].sort((a, b) => {
    if (a === '' || b === '') return a === '' ? (b === '' ? 0 : 1) : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return keys.map((key) => {
    const owner = groups.get(key)?.owner ?? '';
    const list = [...(groups.get(key)?.requests ?? [])].sort(
      (a, b) => Number(awaitsClient(b.status)) - Number(awaitsClient(a.status)) || a.id - b.id,
    );
    return {
      owner,
      label: owner === '' ? UNASSIGNED : owner,
      requests: list,
      awaiting: list.filter((r) => awaitsClient(r.status)).length,
      overdue: list.filter((r) => r.overdue).length,
    };
  });
}

/** How many requests have each status. */
export function countByStatus(requests: EvidenceRequest[]): Record<RequestStatus, number> {
  const counts: Record<RequestStatus, number> = { open: 0, provided: 0, accepted: 0, rejected: 0 };
  for (const r of requests) counts[r.status] += 1;
  return counts;
}

/** One framework's requirements in a line: `iso27001: A.5.15, A.8.2`. */
export function requirementsLine(r: RequestRequirements): string {
  return `${r.framework}: ${r.requirement_ids.join(', ')}`;
}

/** What a row's form holds. */
export type RequestForm = { status: RequestStatus; owner: string; due: string; note: string };

export function formOf(r: EvidenceRequest): RequestForm {
  return { status: r.status, owner: r.owner, due: r.due ?? '', note: r.response_note };
}

/**
 * The edit that turns the request into what the form holds: only the fields that differ (after
 * trimming), the others left as they are; `null` when nothing changes. An empty owner is
 * unassigned, an empty due date removes it, an empty note clears it.
 */
export function editOf(r: EvidenceRequest, form: RequestForm): RequestEdit | null {
  const edit: RequestEdit = {};
  if (form.status !== r.status) edit.status = form.status;
  if (form.owner.trim() !== r.owner) edit.owner = form.owner.trim();
  if (form.due.trim() !== (r.due ?? '')) edit.due = form.due.trim();
  if (form.note.trim() !== r.response_note) edit.response_note = form.note.trim();
  return Object.keys(edit).length === 0 ? null : edit;
}

/** `path` ending in `.ext` (any case), the extension added when the save dialog left it out. */
export function withExtension(path: string, ext: 'xlsx' | 'csv'): string {
  return path.toLowerCase().endsWith(`.${ext}`) ? path : `${path}.${ext}`;
}

/** The file name the save dialog proposes: `evidence-requests-<client>-<date>.xlsx`. */
export function exportName(clientName: string, date: string, ext: 'xlsx' | 'csv' = 'xlsx'): string {
  const slug = clientName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `evidence-requests-${slug || 'client'}-${date}.${ext}`;
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/** The control's request still in progress (not accepted), the newest if there are several. */
export function openRequestFor(requests: EvidenceRequest[], controlId: string): EvidenceRequest | null {
  const id = controlId.toLowerCase();
  let found: EvidenceRequest | null = null;
  for (const r of requests) {
    if (r.control_id.toLowerCase() === id && r.status !== 'accepted' && (found === null || r.id > found.id)) found = r;
  }
  return found;
}
