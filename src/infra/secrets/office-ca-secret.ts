import type { Config } from '../../config/config.ts';
import { generatedSecret, storedSecret } from './generated-secret.ts';

const FILE = 'office-ca-key.secret';

/** The secret a data directory holds for the office CA, without making one (null when there is none). */
export const storedOfficeCaSecret = (dataDir: string): Promise<string | null> => storedSecret(dataDir, FILE);

/**
 * What the office CA's root key is locked under at rest: CA_KEY_PASSPHRASE when set, else a
 * random secret made once in DATA_DIR/secrets, away from the database, so a copy of the
 * database alone never opens the key. Every process that issues certificates must see the same
 * secret: with several machines, set CA_KEY_PASSPHRASE on each.
 */
export const officeCaSecret = async (config: Pick<Config, 'dataDir' | 'caKeyPassphrase'>): Promise<string> =>
  config.caKeyPassphrase ?? generatedSecret(config.dataDir, FILE);
