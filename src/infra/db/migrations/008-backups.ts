import { DataTypes, type QueryInterface } from 'sequelize';

const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const date = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });
const big = { type: DataTypes.BIGINT, allowNull: true };

/**
 * Issue 12's backups: one row per backup run (from the schedule or the command line) with what
 * it wrote, and the schedule's single row, whose lease lets exactly one worker process of the
 * office run the periodic backup.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.createTable('backup_runs', {
    id: { ...str(36), primaryKey: true },
    trigger: str(16),
    state: str(16),
    directory: { type: DataTypes.TEXT, allowNull: false },
    // The backup's folder under DIR/backups once its manifest is written.
    name: str(64, true),
    encrypted: { type: DataTypes.BOOLEAN, allowNull: false },
    started_at: date(false),
    // Renewed while the run works: a run whose heartbeat stopped was killed.
    heartbeat_at: date(false),
    finished_at: date(),
    bytes: big,
    new_bytes: big,
    objects: big,
    new_objects: big,
    warnings: { type: DataTypes.TEXT, allowNull: true },
    error: { type: DataTypes.TEXT, allowNull: true },
  });
  await qi.addIndex('backup_runs', ['started_at']);
  await qi.addIndex('backup_runs', ['state', 'started_at']);
  await qi.createTable('backup_schedule', {
    id: { ...str(16), primaryKey: true },
    lease_owner: str(64, true),
    lease_until: date(),
    last_attempt_at: date(),
  });
  await qi.bulkInsert('backup_schedule', [{ id: 'scheduled', lease_owner: null, lease_until: null, last_attempt_at: null }]);
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.dropTable('backup_schedule');
  await qi.dropTable('backup_runs');
};
