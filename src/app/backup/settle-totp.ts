import type { SecretSealer } from '../../ports/secret-sealer.ts';
import type { AppDeps } from '../deps.ts';

/**
 * What became of the second-factor secrets after a restore: they open with this server's key,
 * were sealed again under it with the key the backup carried, some open with neither, or there
 * are none.
 */
export type TotpOutcome = 'opens' | 'resealed' | 'sealed-elsewhere' | 'none';

const opens = (sealer: SecretSealer, sealed: string, userId: string): string | null => {
  try {
    return sealer.open(sealed, userId);
  } catch {
    return null;
  }
};

const PAGE = 200;

/**
 * Every TOTP secret must open with this server's key. Moving between profiles can change the
 * key (a generated file on one PC, TOTP_SECRET_KEY on the full stack): each secret is then
 * sealed again under the new key, opened with `previous`, the key file the backup carried.
 */
export const settleTotpSecrets = async (deps: AppDeps, previous: SecretSealer | null): Promise<TotpOutcome> => {
  let seen = 0;
  let resealed = 0;
  let stuck = 0;
  for (let page = 1; ; page++) {
    const { items } = await deps.db.users.list({}, page, PAGE);
    for (const user of items) {
      if (!user.totpSecret) continue;
      seen++;
      if (opens(deps.totpSecrets, user.totpSecret, user.id) !== null) continue;
      const plain = previous ? opens(previous, user.totpSecret, user.id) : null;
      if (plain === null) {
        stuck++;
        continue;
      }
      await deps.db.users.update(user.id, { totpSecret: deps.totpSecrets.seal(plain, user.id) });
      resealed++;
    }
    if (items.length < PAGE) break;
  }
  if (stuck > 0) return 'sealed-elsewhere';
  if (resealed > 0) return 'resealed';
  return seen > 0 ? 'opens' : 'none';
};
