// The portfolio's team, shared by the sidebar's sync indicator, Settings → Team and the client
// page's share switch: its status, the shared clients and the outcome of the last sync. The app
// syncs on its own (on start and every few minutes) and says so with `team-synced`.

import { api, onTeamSynced, toApiError } from './api';
import type { SyncReport, TeamStatus } from './bindings';

class Team {
  /** The team, or null when the portfolio is in none (or before the first answer). */
  status = $state<TeamStatus | null>(null);
  shared = $state<string[]>([]);
  /** Why the last sync failed (the folder is not reachable, say); empty after one that ran. */
  problem = $state('');
  syncing = $state(false);
  private started = false;

  /** Loads the status once and follows every sync from then on. */
  start() {
    if (this.started) return;
    this.started = true;
    void this.refresh();
    void onTeamSynced((problem) => {
      this.problem = problem ?? '';
      void this.refresh();
    });
  }

  async refresh() {
    try {
      this.status = await api.teamStatus();
      this.shared = this.status ? await api.teamSharedClients() : [];
    } catch (e) {
      this.problem = toApiError(e).message;
    }
  }

  /** Syncs now; gives the report, or throws the refusal (also kept in `problem`). */
  async sync(): Promise<SyncReport> {
    this.syncing = true;
    try {
      const report = await api.teamSync();
      this.problem = '';
      return report;
    } catch (e) {
      const err = toApiError(e);
      this.problem = err.message;
      throw err;
    } finally {
      this.syncing = false;
      await this.refresh();
    }
  }

  isShared(id: string): boolean {
    return this.shared.includes(id);
  }
}

export const team = new Team();

/** "14:05" for a sync today, "2 Dec 14:05" before, in the machine's local time. */
export function syncedAt(at: string | null, now: Date = new Date()): string {
  if (!at) return 'never';
  const when = new Date(at);
  if (Number.isNaN(when.getTime())) return at;
  const time = when.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const sameDay =
    when.getFullYear() === now.getFullYear() && when.getMonth() === now.getMonth() && when.getDate() === now.getDate();
  return sameDay ? time : `${when.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}

/** One line on what a sync did, for the notice at the bottom of the window. */
export function describeSync(report: SyncReport): string {
  const parts: string[] = [];
  if (report.sent) parts.push(`sent ${report.sent.changes} change${report.sent.changes === 1 ? '' : 's'}`);
  const received = report.applied.reduce((sum, f) => sum + f.changes, 0);
  if (report.applied.length > 0) parts.push(`received ${received} change${received === 1 ? '' : 's'}`);
  if (report.new_conflicts > 0) parts.push(`${report.new_conflicts} new conflict${report.new_conflicts === 1 ? '' : 's'}`);
  if (report.waiting.length > 0) parts.push(`waiting for ${report.waiting.length} file${report.waiting.length === 1 ? '' : 's'} still on their way`);
  if (report.refused.length > 0) parts.push(`${report.refused.length} file${report.refused.length === 1 ? '' : 's'} refused`);
  return parts.length > 0 ? `Synced: ${parts.join(', ')}.` : 'Synced: nothing new.';
}
