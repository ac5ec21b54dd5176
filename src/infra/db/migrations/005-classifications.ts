import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Issue 6's admin screens: the classification scheme, seeded with the ten main subjects of the
 * common scheme for regional government (Permendagri 78/2012) so a new office has codes to pick
 * from; retention is left for the office to set. Also an index to list jobs by state, newest
 * change first (the failed-jobs screen).
 */
const SEED: [string, string][] = [
  ['000', 'Umum'],
  ['100', 'Pemerintahan'],
  ['200', 'Politik'],
  ['300', 'Keamanan dan Ketertiban'],
  ['400', 'Kesejahteraan Rakyat'],
  ['500', 'Perekonomian'],
  ['600', 'Pekerjaan Umum dan Ketenagaan'],
  ['700', 'Pengawasan'],
  ['800', 'Kepegawaian'],
  ['900', 'Keuangan'],
];

export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.createTable('classifications', {
    code: { type: DataTypes.STRING(32), allowNull: false, primaryKey: true },
    name: { type: DataTypes.STRING(200), allowNull: false },
    description: { type: DataTypes.TEXT, allowNull: true },
    active_years: { type: DataTypes.INTEGER, allowNull: true },
    inactive_years: { type: DataTypes.INTEGER, allowNull: true },
    final_disposition: { type: DataTypes.STRING(16), allowNull: true },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  const now = new Date();
  await qi.bulkInsert(
    'classifications',
    SEED.map(([code, name]) => ({
      code,
      name,
      description: null,
      active_years: null,
      inactive_years: null,
      final_disposition: null,
      active: true,
      updated_at: now,
    })),
  );
  await qi.addIndex('jobs', ['state', 'updated_at']);
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.removeIndex('jobs', ['state', 'updated_at']);
  await qi.dropTable('classifications');
};
