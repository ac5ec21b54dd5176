import { DataTypes, type QueryInterface } from 'sequelize';

const str = (n: number) => ({ type: DataTypes.STRING(n), allowNull: true });

/**
 * Issue 13's official letters. The office's letterhead as data: one row, id 'office'; the logo
 * is kept as base64 text (at most 512 KB of image), not as a binary column: the backup writes
 * rows as portable text and refuses binary columns. And the signed letter's e-mail to each
 * external addressee or copy with an address: one row per letter and address (the unique key
 * keeps a retried signing from mailing twice), with its state as the send-email job moves it.
 * And who has opened which incoming letter: the official's home marks the unread among the
 * letters waiting for a disposition.
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

  await qi.createTable('letter_emails', {
    id: { type: DataTypes.STRING(36), primaryKey: true },
    letter_id: { type: DataTypes.STRING(36), allowNull: false },
    position: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    name: { type: DataTypes.STRING(300), allowNull: false },
    address: { type: DataTypes.STRING(320), allowNull: false },
    // pending → sending → sent | failed, as a notification's email (see app/outgoing/email-externally.ts).
    state: { type: DataTypes.STRING(16), allowNull: false },
    reason: { type: DataTypes.TEXT, allowNull: true },
    sent_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('letter_emails', ['letter_id', 'address'], { unique: true, name: 'letter_emails_address' });

  await qi.createTable('incoming_reads', {
    user_id: { type: DataTypes.STRING(36), primaryKey: true },
    letter_id: { type: DataTypes.STRING(36), primaryKey: true },
    read_at: { type: DataTypes.DATE(3), allowNull: false },
  });
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.dropTable('incoming_reads');
  await qi.dropTable('letter_emails');
  await qi.dropTable('letterhead');
};
