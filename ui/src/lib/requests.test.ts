import { describe, expect, it } from 'vitest';
import type { EvidenceRequest } from './bindings';
import { REQUEST_STATUSES, addDays, countByStatus, openRequestFor, editOf, exportName, formOf, groupByOwner, requirementsLine, withExtension } from './requests';

const request = (over: Partial<EvidenceRequest> = {}): EvidenceRequest => ({
  id: 1,
  control_id: 'CW-OPS-04',
  control_title: { en: 'Backups', de: 'Datensicherung' },
  requirements: [{ framework: 'iso27001', requirement_ids: ['A.8.13'] }],
  what: 'Backup policy and the last restore test',
  lang: 'en',
  owner: 'IT',
  due: '2027-01-31',
  status: 'open',
  response_note: '',
  overdue: false,
  created_at: '2026-12-01T10:00:00Z',
  updated_at: '2026-12-01T10:00:00Z',
  ...over,
});

describe('groupByOwner', () => {
  it('groups named owners alphabetically, unassigned last, awaiting the client first', () => {
    const groups = groupByOwner([
      request({ id: 1, owner: 'IT', status: 'accepted' }),
      request({ id: 2, owner: '' }),
      request({ id: 3, owner: 'hr' }),
      request({ id: 4, owner: 'IT', status: 'rejected', overdue: true }),
      request({ id: 5, owner: 'IT', status: 'open' }),
    ]);
    expect(groups.map((g) => g.label)).toEqual(['hr', 'IT', 'Unassigned']);
    const [, itTeam, unassigned] = groups;
    expect(itTeam?.requests.map((r) => r.id)).toEqual([4, 5, 1]);
    expect(itTeam?.awaiting).toBe(2);
    expect(itTeam?.overdue).toBe(1);
    expect(unassigned?.owner).toBe('');
  });

  it('keeps one group per owner whatever the case, as the workbook does', () => {
    const groups = groupByOwner([
      request({ id: 1, owner: 'Finance' }),
      request({ id: 2, owner: 'FINANCE' }),
      request({ id: 3, owner: 'facilities' }),
    ]);
    expect(groups.map((g) => [g.label, g.requests.map((r) => r.id)])).toEqual([
      ['facilities', [3]],
      ['Finance', [1, 2]],
    ]);
  });

  it('gives no groups for no requests', () => {
    expect(groupByOwner([])).toEqual([]);
  });
});

describe('editOf', () => {
  it('sends only what the form changed', () => {
    const r = request();
    expect(editOf(r, formOf(r))).toBeNull();
    expect(editOf(r, { ...formOf(r), status: 'provided', note: '  sent by mail ' })).toEqual({
      status: 'provided',
      response_note: 'sent by mail',
    });
  });

  it('sends empty values to clear the owner and the due date', () => {
    const r = request();
    expect(editOf(r, { ...formOf(r), owner: ' ', due: '' })).toEqual({ owner: '', due: '' });
    expect(editOf(request({ due: null }), { ...formOf(request({ due: null })), due: '2027-02-01' })).toEqual({
      due: '2027-02-01',
    });
  });
});

describe('file names', () => {
  it('adds the extension the save dialog left out', () => {
    expect(withExtension('/tmp/requests', 'xlsx')).toBe('/tmp/requests.xlsx');
    expect(withExtension('/tmp/requests.XLSX', 'xlsx')).toBe('/tmp/requests.XLSX');
    expect(withExtension('/tmp/requests.xlsx', 'csv')).toBe('/tmp/requests.xlsx.csv');
  });

  it('proposes a name from the client and the date', () => {
    expect(exportName('Müller & Söhne GmbH', '2026-12-03')).toBe('evidence-requests-muller-sohne-gmbh-2026-12-03.xlsx');
    expect(exportName('***', '2026-12-03', 'csv')).toBe('evidence-requests-client-2026-12-03.csv');
  });
});

it('counts statuses and writes requirements in a line', () => {
  const counts = countByStatus([request(), request({ status: 'accepted' }), request({ status: 'open' })]);
  expect(counts).toEqual({ open: 2, provided: 0, accepted: 1, rejected: 0 });
  expect(requirementsLine({ framework: 'soc2', requirement_ids: ['CC6.1', 'CC6.2'] })).toBe('soc2: CC6.1, CC6.2');
});

it('adds days across months and years', () => {
  expect(addDays('2026-12-03', 30)).toBe('2027-01-02');
  expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
});

it("finds a control's request still in progress, the newest one", () => {
  const list = [
    request({ id: 1, control_id: 'CW-OPS-04', status: 'accepted' }),
    request({ id: 2, control_id: 'CW-GOV-01', status: 'open' }),
    request({ id: 3, control_id: 'CW-OPS-04', status: 'rejected' }),
    request({ id: 4, control_id: 'CW-OPS-04', status: 'provided' }),
  ];
  expect(openRequestFor(list, 'cw-ops-04')?.id).toBe(4);
  expect(openRequestFor(list.slice(0, 1), 'CW-OPS-04')).toBeNull();
  expect(openRequestFor(list, 'CW-ACC-01')).toBeNull();
});

it('lists every status once, in the order a request goes through them', () => {
  expect(REQUEST_STATUSES).toEqual(['open', 'provided', 'accepted', 'rejected']);
});
