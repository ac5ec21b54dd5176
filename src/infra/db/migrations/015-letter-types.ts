import { DataTypes, type QueryInterface } from 'sequelize';
import { BUILTIN_LETTER_TYPES } from '../../../domain/letter-types.ts';

const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const date = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });
const text = (allowNull = false) => ({ type: DataTypes.TEXT, allowNull });

/**
 * Issue 13's correspondence: naskah types (template and number format as data, seeded with the
 * usual six), the contact book, an outgoing letter's type, addressees, copies and the letter it
 * answers, and the incoming letters internal delivery registers. The unique key on
 * (source_outgoing_id, unit_code) makes a unit's register take a signed letter once, however
 * often the delivery is tried.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.createTable('letter_types', {
    code: { ...str(40), primaryKey: true },
    name: str(200),
    number_format: str(200),
    // JSON: { unitCode: format }.
    unit_formats: text(),
    // JSON: domain LetterTypeTemplate.
    template: text(),
    builtin: { type: DataTypes.BOOLEAN, allowNull: false },
    created_at: date(false),
    updated_at: date(false),
  });
  const now = new Date();
  await qi.bulkInsert(
    'letter_types',
    BUILTIN_LETTER_TYPES.map((t) => ({
      code: t.code,
      name: t.name,
      number_format: t.numberFormat,
      unit_formats: '{}',
      template: JSON.stringify(t.template),
      builtin: true,
      created_at: now,
      updated_at: now,
    })),
  );

  await qi.createTable('contacts', {
    id: { ...str(36), primaryKey: true },
    name: str(300),
    // domain foldName(name): matching senders and search-as-you-type.
    name_key: str(300),
    address: text(true),
    email: str(320, true),
    created_at: date(false),
    updated_at: date(false),
  });
  await qi.addIndex('contacts', ['name_key'], { unique: true });

  await qi.addColumn('outgoing_letters', 'type', { ...str(40), defaultValue: 'surat-dinas' });
  await qi.addColumn('outgoing_letters', 'addressees', text(true));
  await qi.addColumn('outgoing_letters', 'copies', text(true));
  await qi.addColumn('outgoing_letters', 'in_reply_to', str(36, true));
  await qi.addIndex('outgoing_letters', ['in_reply_to']);

  await qi.addColumn('incoming_letters', 'source_outgoing_id', str(36, true));
  await qi.addColumn('incoming_letters', 'delivery_kind', str(16, true));
  await qi.addIndex('incoming_letters', ['source_outgoing_id', 'unit_code'], { unique: true, name: 'incoming_letters_delivery' });
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.removeIndex('incoming_letters', 'incoming_letters_delivery');
  await qi.removeColumn('incoming_letters', 'delivery_kind');
  await qi.removeColumn('incoming_letters', 'source_outgoing_id');
  await qi.removeIndex('outgoing_letters', ['in_reply_to']);
  for (const c of ['in_reply_to', 'copies', 'addressees', 'type']) await qi.removeColumn('outgoing_letters', c);
  await qi.dropTable('contacts');
  await qi.dropTable('letter_types');
};
