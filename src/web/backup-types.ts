/** The backups page's shapes, as GET /api/v1/backups answers. */
import type { Page } from './types.ts';

export const BACKUP_STATES = ['running', 'succeeded', 'failed', 'interrupted'] as const;
export type BackupState = (typeof BACKUP_STATES)[number];

export interface BackupRun {
  id: string;
  trigger: 'schedule' | 'command';
  state: BackupState;
  directory: string;
  name: string | null;
  encrypted: boolean;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  bytes: number | null;
  newBytes: number | null;
  objects: number | null;
  newObjects: number | null;
  warnings: string[];
  error: string | null;
  errorCode?: string | null;
}

export interface BackupPage extends Page<BackupRun> {
  settings: { directory: string | null; intervalHours: number; keep: number; encrypted: boolean };
  lastSuccessAt: string | null;
  overdue: boolean;
}
