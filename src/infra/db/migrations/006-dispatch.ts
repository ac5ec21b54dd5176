import { DataTypes, type QueryInterface } from 'sequelize';

/** Sending signed letters out (ekspedisi): when, by whom, how, and a note such as a receipt number. */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.addColumn('outgoing_letters', 'dispatched_at', { type: DataTypes.DATE(3), allowNull: true });
  await qi.addColumn('outgoing_letters', 'dispatched_by', { type: DataTypes.STRING(36), allowNull: true });
  await qi.addColumn('outgoing_letters', 'dispatch_via', { type: DataTypes.STRING(16), allowNull: true });
  await qi.addColumn('outgoing_letters', 'dispatch_note', { type: DataTypes.TEXT, allowNull: true });
  await qi.addIndex('outgoing_letters', ['status', 'dispatched_at']);
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.removeIndex('outgoing_letters', ['status', 'dispatched_at']);
  for (const c of ['dispatch_note', 'dispatch_via', 'dispatched_by', 'dispatched_at']) await qi.removeColumn('outgoing_letters', c);
};
