import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * For which units a clerk registers and files (issue 18): their own unit (the default, as
 * before), the whole office (a central front office), or a named set of units, comma-separated
 * in `filing_units` as roles are in `role`.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.addColumn('users', 'filing_scope', { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'own' });
  await qi.addColumn('users', 'filing_units', { type: DataTypes.TEXT, allowNull: true });
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  for (const c of ['filing_units', 'filing_scope']) await qi.removeColumn('users', c);
};
