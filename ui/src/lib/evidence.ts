// Words and small helpers for evidence files (the control's Evidence panel, the client's
// evidence list, the stale-after setting). The rules (size limit, kinds, staleness) are the
// core's; this only says them, in English and German (the content language switch).

import type { EvidenceLink, IsoDate, Lang } from './bindings';

/** The panel's words in both languages; `{n}` and similar are filled in by `fill`. */
const en = {
  evidence: 'Evidence',
  evidenceHint: 'Files the client provided for this control: PDF, images, Office or OpenDocument files, text. At most 25 MiB each.',
  noFiles: 'No files attached to this control yet.',
  noAssessment: 'No assessment yet: attaching the first file starts one dated today.',
  requestAwaiting: 'Evidence request #{id} ({status}), from {owner}.',
  requestDue: 'Due {due}.',
  requestOverdue: 'Overdue since {due}.',
  requestUnassigned: 'no one yet',
  requestStatus_open: 'open',
  requestStatus_provided: 'provided, to be checked',
  requestStatus_rejected: 'rejected, asked again',
  requestStatus_accepted: 'accepted',
  requestsLink: 'All evidence requests',
  file: 'File',
  kind: 'Kind',
  size: 'Size',
  providedBy: 'Provided by',
  providedOn: 'Provided on',
  note: 'Note',
  stale: 'stale',
  staleReason: 'Provided on {date}, more than {months} months before the assessment of {assessment}.',
  attach: 'Attach files…',
  drop: 'Drop files here',
  dropActive: 'Release to add the files',
  orPath: 'or type the path of a file',
  addPath: 'Add',
  pending: 'To attach',
  attachNow: 'Attach to {control}',
  cancel: 'Cancel',
  removeFromList: 'Take off the list',
  attachedOne: '1 file attached to {control}.',
  attachedMany: '{n} files attached to {control}.',
  open: 'Open',
  export: 'Export…',
  remove: 'Remove…',
  confirmRemove: 'Remove {name} from {control}?',
  removeYes: 'Remove',
  keep: 'Keep',
  removed: '{name} removed from {control}.',
  removedDeleted: '{name} removed from {control}; no assessment uses it any more, so it was deleted.',
  exported: 'Wrote {path}.',
  clientTitle: 'Evidence files',
  clientHint: 'The files of the current assessment, the controls each is attached to and the frameworks those controls serve.',
  clientNone: 'No evidence in the current assessment.',
  controls: 'Controls',
  frameworks: 'Frameworks',
  servesOne: 'serves 1 requirement',
  servesMany: 'serves {n} requirements',
  maxAgeTitle: 'Evidence age',
  maxAgeLabel: 'Flag evidence as stale after (months)',
  maxAgeHint: 'Evidence provided more than this many months before an assessment’s date is marked stale. 1 to 120.',
  maxAgeSave: 'Save',
  maxAgeSaved: 'Evidence older than {months} months is now flagged as stale.',
};

type Words = typeof en;

const de: Words = {
  evidence: 'Nachweise',
  evidenceHint:
    'Dateien, die der Mandant für diese Kontrolle geliefert hat: PDF, Bilder, Office- oder OpenDocument-Dateien, Text. Höchstens 25 MiB je Datei.',
  noFiles: 'Noch keine Dateien an dieser Kontrolle.',
  noAssessment: 'Noch keine Bewertung: Die erste Datei beginnt eine mit dem heutigen Datum.',
  requestAwaiting: 'Nachweisanforderung Nr. {id} ({status}), angefordert bei {owner}.',
  requestDue: 'Fällig am {due}.',
  requestOverdue: 'Seit {due} überfällig.',
  requestUnassigned: 'noch niemandem',
  requestStatus_open: 'offen',
  requestStatus_provided: 'geliefert, noch zu prüfen',
  requestStatus_rejected: 'abgelehnt, erneut angefordert',
  requestStatus_accepted: 'angenommen',
  requestsLink: 'Alle Nachweisanforderungen',
  file: 'Datei',
  kind: 'Art',
  size: 'Größe',
  providedBy: 'Geliefert von',
  providedOn: 'Geliefert am',
  note: 'Notiz',
  stale: 'veraltet',
  staleReason: 'Geliefert am {date}, mehr als {months} Monate vor der Bewertung vom {assessment}.',
  attach: 'Dateien anhängen…',
  drop: 'Dateien hier ablegen',
  dropActive: 'Loslassen, um die Dateien hinzuzufügen',
  orPath: 'oder den Pfad einer Datei eingeben',
  addPath: 'Hinzufügen',
  pending: 'Anzuhängen',
  attachNow: 'An {control} anhängen',
  cancel: 'Abbrechen',
  removeFromList: 'Von der Liste nehmen',
  attachedOne: '1 Datei an {control} angehängt.',
  attachedMany: '{n} Dateien an {control} angehängt.',
  open: 'Öffnen',
  export: 'Exportieren…',
  remove: 'Entfernen…',
  confirmRemove: '{name} von {control} entfernen?',
  removeYes: 'Entfernen',
  keep: 'Behalten',
  removed: '{name} von {control} entfernt.',
  removedDeleted: '{name} von {control} entfernt; keine Bewertung verwendet die Datei mehr, daher wurde sie gelöscht.',
  exported: '{path} geschrieben.',
  clientTitle: 'Nachweisdateien',
  clientHint:
    'Die Dateien der aktuellen Bewertung, die Kontrollen, an denen sie hängen, und die Rahmenwerke, denen diese Kontrollen dienen.',
  clientNone: 'Keine Nachweise in der aktuellen Bewertung.',
  controls: 'Kontrollen',
  frameworks: 'Rahmenwerke',
  servesOne: 'dient 1 Anforderung',
  servesMany: 'dient {n} Anforderungen',
  maxAgeTitle: 'Alter von Nachweisen',
  maxAgeLabel: 'Nachweise als veraltet markieren nach (Monaten)',
  maxAgeHint: 'Nachweise, die mehr als so viele Monate vor dem Datum einer Bewertung geliefert wurden, gelten als veraltet. 1 bis 120.',
  maxAgeSave: 'Speichern',
  maxAgeSaved: 'Nachweise älter als {months} Monate werden nun als veraltet markiert.',
};

/** The evidence words in `lang`. */
export function evidenceWords(lang: Lang): Words {
  return lang === 'de' ? de : en;
}

/** `text` with each `{key}` replaced by `values[key]`. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** `one` for 1, else `many` with `{n}` filled in. */
export function count(n: number, one: string, many: string): string {
  return n === 1 ? one : fill(many, { n });
}

/** A size for a table: bytes, KiB or MiB, with the decimal sign of `lang`. */
export function formatSize(bytes: number, lang: Lang): string {
  const [value, unit] =
    bytes < 1024 ? [bytes, 'B'] : bytes < 1024 * 1024 ? [bytes / 1024, 'KiB'] : [bytes / (1024 * 1024), 'MiB'];
  const text = unit === 'B' ? String(value) : value.toFixed(1);
  return `${lang === 'de' ? text.replace('.', ',') : text} ${unit}`;
}

const kinds: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'text/plain': 'Text',
  'text/csv': 'CSV',
  'text/markdown': 'Markdown',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/vnd.oasis.opendocument.presentation': 'ODP',
};

/** A short name for a media type the core recognised. */
export function kindLabel(mediaType: string): string {
  return kinds[mediaType] ?? mediaType;
}

/** Why a link is flagged stale (the core decided it is), or `null` when it is not. */
export function staleReason(link: EvidenceLink, maxAgeMonths: number, lang: Lang): string | null {
  if (!link.stale) return null;
  return fill(evidenceWords(lang).staleReason, {
    date: link.provided_on,
    months: maxAgeMonths,
    assessment: link.assessment_date,
  });
}

/** `paths` with `added` appended, each path once, blank ones left out. */
export function mergePaths(paths: readonly string[], added: readonly string[]): string[] {
  const out = [...paths];
  for (const raw of added) {
    const path = raw.trim();
    if (path && !out.includes(path)) out.push(path);
  }
  return out;
}

/** The last component of a path (either slash). */
export function baseName(path: string): string {
  return path.split(/[/\\]/).filter(Boolean).pop() ?? path;
}

/** The links of a file that belong to the assessment of `date` (the current one). */
export function linksOf<T extends { assessment_date: IsoDate }>(links: readonly T[], date: IsoDate | null | undefined): T[] {
  return date ? links.filter((l) => l.assessment_date === date) : [];
}

/**
 * Whether a drop at `position` (physical pixels of the window, as the shell reports it) lands
 * inside `rect` (CSS pixels of the page) at the device's `scale`.
 */
export function dropsInside(
  position: { x: number; y: number },
  rect: { left: number; top: number; right: number; bottom: number },
  scale: number,
): boolean {
  const x = position.x / (scale || 1);
  const y = position.y / (scale || 1);
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
}

/** The text to show for a refused action: each field's reason, or the message. */
export function refusal(error: { message: string; fields: readonly { field: string; message: string }[] }): string {
  return error.fields.length ? error.fields.map((f) => f.message).join(' · ') : error.message;
}
