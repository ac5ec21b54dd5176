import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Issue 15: the public routes' request budgets and the de-duplication of their audit entries
 * were kept in each process's memory, so two web processes gave a client twice the budget.
 * Counts per bucket and fixed window live here instead. Window starts are epoch milliseconds,
 * the same number in SQLite and MySQL whatever the server's time zone.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.createTable('rate_counts', {
    bucket: { type: DataTypes.STRING(200), allowNull: false, primaryKey: true },
    window_start: { type: DataTypes.BIGINT, allowNull: false, primaryKey: true },
    hits: { type: DataTypes.INTEGER, allowNull: false },
  });
  await qi.addIndex('rate_counts', ['window_start']);
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.dropTable('rate_counts');
};
