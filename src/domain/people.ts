import { hasRole, type Role } from './roles.ts';

/**
 * What is wrong with a NIP (Nomor Induk Pegawai), or null. A NIP is 18 digits that tell, in
 * order: the date of birth (yyyymmdd), the month of appointment (yyyymm), the sex (1 or 2) and a
 * serial of three digits. `nip` has already lost the spaces people copy from ID cards.
 */
export const nipProblem = (nip: string): string | null => {
  if (!/^\d{18}$/.test(nip)) return '18 digits';
  const month = (at: number) => Number(nip.slice(at, at + 2));
  const day = Number(nip.slice(6, 8));
  if (month(4) < 1 || month(4) > 12 || day < 1 || day > 31) return 'the first 8 digits are a date of birth (yyyymmdd)';
  if (month(12) < 1 || month(12) > 12) return 'digits 9–14 are the month of appointment (yyyymm)';
  if (nip[14] !== '1' && nip[14] !== '2') return 'digit 15 is 1 or 2';
  return null;
};

/** A NIP as typed (with spaces, as printed on ID cards) in its stored form: the digits alone. */
export const compactNip = (nip: string): string => nip.replace(/\s+/g, '');

/**
 * Whether dispositions may be sent to someone: everyone who works letters. An account that only
 * administers (admin, with none of the roles that handle letters) is not a recipient: it would
 * gain read access to letters through a routing it has no part in.
 */
export const receivesDispositions = (who: { roles: readonly Role[] }): boolean => !hasRole(who, 'admin') || hasRole(who, 'official', 'staff', 'clerk');
