import { DataTypes, type QueryInterface } from 'sequelize';

const str = (n: number) => ({ type: DataTypes.STRING(n), allowNull: true });

/**
 * The office's letterhead as data (issue 13): one row, id 'office'. The logo is kept here as
 * base64 text (at most 512 KB of image), not as a binary column: the backup writes rows as
 * portable text and refuses binary columns.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.createTable('letterhead', {
    id: { type: DataTypes.STRING(16), primaryKey: true },
    government_line: str(200),
    office_name: str(200),
    address: str(300),
    telephone: str(100),
    email: str(320),
    website: str(200),
    logo_type: str(20),
    logo_width: { type: DataTypes.INTEGER, allowNull: true },
    logo_height: { type: DataTypes.INTEGER, allowNull: true },
    // MEDIUMTEXT on MariaDB (TEXT stops at 64 KB); SQLite has one TEXT.
    logo: { type: qi.sequelize.getDialect() === 'mysql' ? DataTypes.TEXT('medium') : DataTypes.TEXT, allowNull: true },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.dropTable('letterhead');
};
