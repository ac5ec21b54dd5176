import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Saved searches (issue 18): a user names a query with its filters and sort to run again. One
 * user's names are unique, so the list reads without ambiguity.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.createTable('saved_searches', {
    id: { type: DataTypes.STRING(36), allowNull: false, primaryKey: true },
    user_id: { type: DataTypes.STRING(36), allowNull: false },
    name: { type: DataTypes.STRING(100), allowNull: false },
    query: { type: DataTypes.STRING(500), allowNull: false },
    // JSON: domain SavedSearchFilters.
    filters: { type: DataTypes.TEXT, allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('saved_searches', ['user_id', 'name'], { unique: true });
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.dropTable('saved_searches');
};
