import { subtreeOf, type UnitNode } from './access.ts';
import { hasRole, type Role } from './roles.ts';

/**
 * For which units a clerk registers and files (issue 18). Most clerks serve their own unit; a
 * central front office (TU) registers and dispatches for the whole office; a shared secretariat
 * serves a named set of units. The admin sets it on the account, so such a clerk no longer has to
 * be placed in the root unit (and read everything below it) to serve the whole office.
 */
export const FILING_SCOPE_KINDS = ['own', 'office', 'units'] as const;
export type FilingScopeKind = (typeof FILING_SCOPE_KINDS)[number];

export type FilingScope = { kind: 'own' } | { kind: 'office' } | { kind: 'units'; unitCodes: string[] };

export const OWN_UNIT: FilingScope = { kind: 'own' };

/** Who files, as these rules see them (an account has no scope stored until an admin sets one). */
export interface Filer {
  roles: Role[];
  unitCode: string;
  filingScope?: FilingScope | undefined;
}

/**
 * The units a user may file for: an admin and an office-wide clerk every unit; a clerk with a
 * named set their own unit and each named one, with the units below them; anyone else their own
 * unit and the units below it (a scope left from an earlier clerk role counts no more). Only
 * existing units are returned.
 */
export const filingUnitsOf = (filer: Filer, units: UnitNode[]): string[] => {
  const scope = hasRole(filer, 'clerk') ? (filer.filingScope ?? OWN_UNIT) : OWN_UNIT;
  if (hasRole(filer, 'admin') || scope.kind === 'office') return units.map((u) => u.code);
  const roots = scope.kind === 'units' ? [filer.unitCode, ...scope.unitCodes] : [filer.unitCode];
  const known = new Set(units.map((u) => u.code));
  return [...new Set(roots.flatMap((r) => subtreeOf(r, units)))].filter((c) => known.has(c));
};

/** A scope as one column pair stores it: the kind, and the named units comma-separated. */
export const filingScopeOf = (kind: string | null, unitCodes: string | null): FilingScope => {
  if (kind === 'office') return { kind: 'office' };
  if (kind === 'units') return { kind: 'units', unitCodes: (unitCodes ?? '').split(',').filter(Boolean) };
  return OWN_UNIT;
};
