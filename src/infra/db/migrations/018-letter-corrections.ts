import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Correcting and voiding incoming letters (issue 18). `version` counts corrections, so two
 * clerks editing one letter at once do not overwrite each other (compare-and-set, If-Match). A
 * voided entry keeps its agenda number in the register, marked with who voided it, when and why.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.addColumn('incoming_letters', 'version', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 });
  await qi.addColumn('incoming_letters', 'voided_at', { type: DataTypes.DATE(3), allowNull: true });
  await qi.addColumn('incoming_letters', 'voided_by', { type: DataTypes.STRING(36), allowNull: true });
  await qi.addColumn('incoming_letters', 'void_reason', { type: DataTypes.TEXT, allowNull: true });
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  for (const c of ['void_reason', 'voided_by', 'voided_at', 'version']) await qi.removeColumn('incoming_letters', c);
};
