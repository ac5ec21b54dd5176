import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Where a document's paper original is kept (issue 17: "lokasi arsip fisik", e.g.
 * "Lemari 2 / Rak B / Boks 14"): free text, optional, so existing rows stay null.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.addColumn('documents', 'paper_location', { type: DataTypes.STRING(200), allowNull: true });
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.removeColumn('documents', 'paper_location');
};
