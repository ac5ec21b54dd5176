import type { AppDeps } from '../deps.ts';

/**
 * Who the office is, for anyone (the login page, the public verification pages): its name (the
 * root of the unit tree) and the time zone its clocks show, with that zone's label (WIB, WITA,
 * WIT) worked out where the time is printed.
 */
export const officeIdentity = async (deps: AppDeps): Promise<{ name: string; timeZone: string }> => {
  const root = (await deps.db.units.all()).find((u) => u.parentCode === null);
  return { name: root?.name ?? '', timeZone: deps.officeTimeZone };
};
