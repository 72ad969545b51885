import { describe, expect, it } from 'vitest';
import type { EvidenceLink } from './bindings';
import {
  baseName,
  count,
  dropsInside,
  evidenceWords,
  fill,
  formatSize,
  kindLabel,
  linksOf,
  mergePaths,
  refusal,
  staleReason,
} from './evidence';

const link = (over: Partial<EvidenceLink> = {}): EvidenceLink => ({
  control_id: 'CW-OPS-04',
  assessment_date: '2026-11-01',
  sha256: 'ab'.repeat(32),
  file_name: 'backup-policy.pdf',
  media_type: 'application/pdf',
  size: 2048,
  provided_by: 'Helen Shaw',
  provided_on: '2025-06-30',
  note: '',
  added_at: '2026-11-02T10:00:00Z',
  stale: false,
  ...over,
});

describe('evidence words', () => {
  it('has every English word in German too, none left empty', () => {
    const en = evidenceWords('en');
    const de = evidenceWords('de');
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(de)) {
      expect(text.trim(), key).not.toBe('');
      // The same placeholders in both languages.
      expect(text.match(/\{\w+\}/g)?.sort() ?? [], key).toEqual(en[key as keyof typeof en].match(/\{\w+\}/g)?.sort() ?? []);
    }
    expect(de.evidence).toBe('Nachweise');
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(fill('{n} file(s) attached to {control}.', { n: 2, control: 'CW-OPS-04' })).toBe('2 file(s) attached to CW-OPS-04.');
    expect(fill('{missing} stays', {})).toBe('{missing} stays');
  });

  it('counts in the singular for one and the plural otherwise', () => {
    const de = evidenceWords('de');
    expect(count(1, de.servesOne, de.servesMany)).toBe('dient 1 Anforderung');
    expect(count(4, de.servesOne, de.servesMany)).toBe('dient 4 Anforderungen');
    expect(fill(count(2, de.attachedOne, de.attachedMany), { control: 'CW-GOV-18' })).toBe('2 Dateien an CW-GOV-18 angehängt.');
  });
});

describe('sizes and kinds', () => {
  it('writes bytes, KiB and MiB with the decimal sign of the language', () => {
    expect(formatSize(512, 'en')).toBe('512 B');
    expect(formatSize(1536, 'en')).toBe('1.5 KiB');
    expect(formatSize(25 * 1024 * 1024, 'en')).toBe('25.0 MiB');
    expect(formatSize(1536, 'de')).toBe('1,5 KiB');
  });

  it('names the kinds the core recognises and passes others through', () => {
    expect(kindLabel('application/pdf')).toBe('PDF');
    expect(kindLabel('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('Excel');
    expect(kindLabel('application/x-unknown')).toBe('application/x-unknown');
  });
});

describe('stale reason', () => {
  it('is given only for a link the core flagged, with its dates and the setting', () => {
    expect(staleReason(link(), 12, 'en')).toBeNull();
    expect(staleReason(link({ stale: true }), 12, 'en')).toBe(
      'Provided on 2025-06-30, more than 12 months before the assessment of 2026-11-01.',
    );
    expect(staleReason(link({ stale: true }), 6, 'de')).toBe(
      'Geliefert am 2025-06-30, mehr als 6 Monate vor der Bewertung vom 2026-11-01.',
    );
  });
});

describe('paths to attach', () => {
  it('appends new paths once, in order, without blanks', () => {
    expect(mergePaths(['/a/x.pdf'], ['/a/y.png', '/a/x.pdf', '  ', ' /a/z.txt '])).toEqual(['/a/x.pdf', '/a/y.png', '/a/z.txt']);
    expect(mergePaths([], [])).toEqual([]);
  });

  it('shows a path by its last component', () => {
    expect(baseName('/home/me/Evidence/policy.pdf')).toBe('policy.pdf');
    expect(baseName('C:\\Users\\me\\scan.png')).toBe('scan.png');
    expect(baseName('/tmp/folder/')).toBe('folder');
  });
});

describe('drops', () => {
  const rect = { left: 100, top: 200, right: 500, bottom: 400 };
  it('lands inside the zone in CSS pixels, also on a scaled screen', () => {
    expect(dropsInside({ x: 150, y: 250 }, rect, 1)).toBe(true);
    expect(dropsInside({ x: 50, y: 250 }, rect, 1)).toBe(false);
    expect(dropsInside({ x: 300, y: 500 }, rect, 2)).toBe(true);
    expect(dropsInside({ x: 300, y: 500 }, rect, 1)).toBe(false);
    expect(dropsInside({ x: 150, y: 250 }, rect, 0)).toBe(true);
  });
});

describe('links and refusals', () => {
  it('keeps the links of the current assessment only', () => {
    const old = link({ assessment_date: '2025-11-01' });
    const current = link();
    expect(linksOf([old, current], '2026-11-01')).toEqual([current]);
    expect(linksOf([old, current], null)).toEqual([]);
  });

  it('says each field’s reason, or the message', () => {
    const fields = [
      { field: 'file', message: 'big.pdf is 30.0 MiB; an evidence file may be at most 25 MiB' },
      { field: 'file', message: 'setup.exe: is an executable program' },
    ];
    expect(refusal({ message: 'invalid', fields })).toBe(
      'big.pdf is 30.0 MiB; an evidence file may be at most 25 MiB · setup.exe: is an executable program',
    );
    expect(refusal({ message: 'not found', fields: [] })).toBe('not found');
  });
});
