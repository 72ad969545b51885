import { describe, expect, it } from 'vitest';
import { describeSync, syncedAt } from './team.svelte';
import type { SyncReport } from './bindings';

const empty: SyncReport = {
  sent: null,
  snapshot: null,
  applied: [],
  waiting: [],
  refused: [],
  new_conflicts: 0,
  open_conflicts: 0,
  pruned: 0,
};

describe('team sync wording', () => {
  it('says when nothing moved', () => {
    expect(describeSync(empty)).toBe('Synced: nothing new.');
  });

  it('counts what went out, came in, waits and was refused', () => {
    const report: SyncReport = {
      ...empty,
      sent: { seq: 3, changes: 1 },
      applied: [
        { device_id: 'a', seq: 1, changes: 2 },
        { device_id: 'b', seq: 4, changes: 3 },
      ],
      waiting: [{ device_id: 'c', missing_seq: 2 }],
      refused: [{ device_id: 'd', file: 'devices/d/1.cwsync', reason: 'tampered' }],
      new_conflicts: 2,
    };
    expect(describeSync(report)).toBe(
      'Synced: sent 1 change, received 5 changes, 2 new conflicts, waiting for 1 file still on their way, 1 file refused.',
    );
  });

  it('gives the time of a sync today and the day of an older one', () => {
    const now = new Date(2026, 11, 3, 18, 0);
    const today = new Date(2026, 11, 3, 14, 5).toISOString();
    const before = new Date(2026, 11, 2, 9, 30).toISOString();
    expect(syncedAt(today, now)).toBe('14:05');
    expect(syncedAt(before, now)).toBe('2 Dec 09:30');
    expect(syncedAt(null, now)).toBe('never');
  });
});
