import { QueryTypes, type QueryInterface } from 'sequelize';
import type { SecretSealer } from '../../../ports/secret-sealer.ts';

/** What this migration needs beyond the schema: the key TOTP seeds are sealed under (read lazily). */
export interface SealingKeys {
  totpSealer?: () => Promise<SecretSealer>;
}

const withTotpSecrets = (qi: QueryInterface) =>
  qi.sequelize.query<{ id: string; totp_secret: string }>('SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL', { type: QueryTypes.SELECT });

const sealerFor = async (keys: SealingKeys): Promise<SecretSealer> => {
  if (!keys.totpSealer)
    throw new Error(
      'migration 009 must encrypt second-factor secrets: open the database through the app, which knows the key (TOTP_SECRET_KEY or DATA_DIR/secrets)',
    );
  return keys.totpSealer();
};

/**
 * Issue 16: TOTP seeds encrypted at rest and recovery codes hashed with a salt. Seeds in the
 * clear are sealed here (AES-256-GCM, bound to the user's id); a run cut short is finished by
 * the next, as sealed values are recognised and left alone. Recovery codes cannot be converted
 * (only their unsalted SHA-256 is known): the old ones keep working until used or replaced, new
 * ones are argon2id strings. Both columns grow to hold the longer values.
 */
export const up = async ({ context: qi }: { context: QueryInterface }, keys: SealingKeys = {}): Promise<void> => {
  // SQLite ignores VARCHAR lengths; MODIFY keeps code_hash in the primary key as it is.
  if (qi.sequelize.getDialect() === 'mysql') {
    await qi.sequelize.query('ALTER TABLE users MODIFY totp_secret VARCHAR(255) NULL');
    await qi.sequelize.query('ALTER TABLE recovery_codes MODIFY code_hash VARCHAR(255) NOT NULL');
  }
  const rows = await withTotpSecrets(qi);
  if (rows.length === 0) return;
  const sealer = await sealerFor(keys);
  for (const r of rows.filter((row) => !sealer.isSealed(row.totp_secret))) {
    await qi.sequelize.query('UPDATE users SET totp_secret = :sealed WHERE id = :id AND totp_secret = :clear', {
      replacements: { sealed: sealer.seal(r.totp_secret, r.id), id: r.id, clear: r.totp_secret },
    });
  }
};

/** Back to seeds in the clear (recovery codes stay as they are: both formats verify). */
export const down = async ({ context: qi }: { context: QueryInterface }, keys: SealingKeys = {}): Promise<void> => {
  const rows = await withTotpSecrets(qi);
  if (rows.length === 0) return;
  const sealer = await sealerFor(keys);
  for (const r of rows.filter((row) => sealer.isSealed(row.totp_secret))) {
    await qi.sequelize.query('UPDATE users SET totp_secret = :clear WHERE id = :id', { replacements: { clear: sealer.open(r.totp_secret, r.id), id: r.id } });
  }
};
