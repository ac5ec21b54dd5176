import type { Config } from '../../config/config.ts';
import type { SecretSealer } from '../../ports/secret-sealer.ts';
import { aesGcmSealer } from './aes-gcm.sealer.ts';
import { generatedSecret, storedSecret } from './generated-secret.ts';

const FILE = 'totp-key.secret';

/**
 * What TOTP seeds are encrypted under: TOTP_SECRET_KEY when set, else a random key made once
 * in DATA_DIR/secrets (carried by backups like the office CA's secret). Every process that
 * checks second factors must see the same key: with several machines, set TOTP_SECRET_KEY on each.
 */
export const totpSealer = async (config: Pick<Config, 'dataDir' | 'totpSecretKey'>): Promise<SecretSealer> =>
  aesGcmSealer(config.totpSecretKey ?? (await generatedSecret(config.dataDir, FILE)));

/** The sealer of the key a data directory holds (a restored backup's), without making one; null when there is none. */
export const storedTotpSealer = async (dataDir: string): Promise<SecretSealer | null> => {
  const secret = await storedSecret(dataDir, FILE);
  return secret ? aesGcmSealer(secret) : null;
};
