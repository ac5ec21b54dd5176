import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

type Row = Model<Record<string, unknown>, Record<string, unknown>>;
export type BackupModels = Record<'BackupRun' | 'BackupSchedule', ModelStatic<Row>>;

const d3 = () => ({ type: DataTypes.DATE(3) });

/** Migration 008's tables, kept apart from models.ts so the backup feature stays in its own files. */
export const defineBackupModels = (s: Sequelize): BackupModels => ({
  BackupRun: s.define(
    'BackupRun',
    {
      id: { type: DataTypes.STRING, primaryKey: true },
      trigger: DataTypes.STRING,
      state: DataTypes.STRING,
      directory: DataTypes.TEXT,
      name: DataTypes.STRING,
      encrypted: DataTypes.BOOLEAN,
      startedAt: d3(),
      heartbeatAt: d3(),
      finishedAt: d3(),
      bytes: DataTypes.BIGINT,
      newBytes: DataTypes.BIGINT,
      objects: DataTypes.BIGINT,
      newObjects: DataTypes.BIGINT,
      warnings: DataTypes.TEXT,
      error: DataTypes.TEXT,
    },
    { tableName: 'backup_runs' },
  ),
  BackupSchedule: s.define(
    'BackupSchedule',
    { id: { type: DataTypes.STRING, primaryKey: true }, leaseOwner: DataTypes.STRING, leaseUntil: d3(), lastAttemptAt: d3() },
    { tableName: 'backup_schedule' },
  ),
});
