import type { Sequelize } from 'sequelize';
import { bigint, bool, date, type DbBigint, type DbBool, type DbDate, key, str, table, text } from './models/columns.ts';

/** A row of `backup_runs`. */
export interface BackupRunRow {
  id: string;
  trigger: string;
  state: string;
  directory: string;
  name: string | null;
  encrypted: DbBool;
  startedAt: DbDate;
  heartbeatAt: DbDate;
  finishedAt: DbDate | null;
  bytes: DbBigint | null;
  newBytes: DbBigint | null;
  objects: DbBigint | null;
  newObjects: DbBigint | null;
  warnings: string | null;
  error: string | null;
}

/** A row of `backup_schedule`. */
export interface BackupScheduleRow {
  id: string;
  leaseOwner: string | null;
  leaseUntil: DbDate | null;
  lastAttemptAt: DbDate | null;
}

/** Migration 008's tables, kept apart from models.ts so the backup feature stays in its own files. */
export const defineBackupModels = (s: Sequelize) => ({
  BackupRun: table<BackupRunRow>(s, 'BackupRun', 'backup_runs', {
    id: key(str()),
    trigger: str(),
    state: str(),
    directory: text(),
    name: str(),
    encrypted: bool(),
    startedAt: date(),
    heartbeatAt: date(),
    finishedAt: date(),
    bytes: bigint(),
    newBytes: bigint(),
    objects: bigint(),
    newObjects: bigint(),
    warnings: text(),
    error: text(),
  }),
  BackupSchedule: table<BackupScheduleRow>(s, 'BackupSchedule', 'backup_schedule', {
    id: key(str()),
    leaseOwner: str(),
    leaseUntil: date(),
    lastAttemptAt: date(),
  }),
});

export type BackupModels = ReturnType<typeof defineBackupModels>;
