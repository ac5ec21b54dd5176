import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Issue 16: refused reads of restricted documents are audited up to a limit per user and time
 * window. The counts live here, not in a process, so every web process of an office keeps one
 * limit. Window starts are epoch milliseconds: the same number in SQLite and MySQL, whatever the
 * server's time zone.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.createTable('access_refusals', {
    actor_id: { type: DataTypes.STRING(36), allowNull: false, primaryKey: true },
    window_start: { type: DataTypes.BIGINT, allowNull: false, primaryKey: true },
    refused: { type: DataTypes.INTEGER, allowNull: false },
  });
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.dropTable('access_refusals');
};
