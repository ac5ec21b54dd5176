import { DataTypes, type QueryInterface } from 'sequelize';

const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const date = () => ({ type: DataTypes.DATE(3), allowNull: false });

/**
 * Berkas, files per matter (issue 13): a named file of a unit, and what it holds (a document,
 * an incoming or an outgoing letter), each once; found from an item by (item_kind, item_id).
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.createTable('berkas', {
    id: { ...str(36), primaryKey: true },
    name: str(200),
    description: { type: DataTypes.TEXT, allowNull: true },
    unit_code: str(32),
    created_by: str(36),
    created_at: date(),
    updated_at: date(),
  });
  await qi.addIndex('berkas', ['unit_code', 'name']);
  await qi.createTable('berkas_items', {
    berkas_id: { ...str(36), primaryKey: true },
    item_kind: { ...str(16), primaryKey: true },
    item_id: { ...str(36), primaryKey: true },
    added_by: str(36),
    added_at: date(),
  });
  await qi.addIndex('berkas_items', ['item_kind', 'item_id']);
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.dropTable('berkas_items');
  await qi.dropTable('berkas');
};
