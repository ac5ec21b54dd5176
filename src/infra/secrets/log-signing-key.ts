import { createHash } from 'node:crypto';
import type { Config } from '../../config/config.ts';
import { type NoteSigner, signerFromSeed } from '../../domain/public-log/signed-note.ts';
import { generatedSecret } from './generated-secret.ts';

const FILE = 'log-key.secret';

/**
 * The office's public-log key (Ed25519), derived from LOG_SIGNING_KEY when set, else from a
 * random secret made once in DATA_DIR/secrets (which backups carry, like the CA's and the TOTP
 * key's): a restored office signs with the same key, so its witnesses still recognise it. Every
 * process that signs checkpoints must see the same secret.
 */
export const logNoteSigner = async (config: Pick<Config, 'dataDir' | 'publicLog'>): Promise<NoteSigner> => {
  const secret = config.publicLog.signingKey ?? (await generatedSecret(config.dataDir, FILE));
  return signerFromSeed(config.publicLog.origin, createHash('sha256').update('naskah-log-key\n').update(secret).digest());
};
