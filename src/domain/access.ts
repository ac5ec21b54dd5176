import { type FilingScope, filingUnitsOf } from './filing-scope.ts';
import { hasRole, type Role } from './roles.ts';
import { clearedFor, securityRank, type SecurityLevel } from './security-level.ts';

/** The caller as the access rules see them. */
export interface Actor {
  id: string;
  roles: Role[];
  unitCode: string;
  clearance: SecurityLevel;
  /** For which units a clerk files (own unit when absent); see filing-scope.ts. */
  filingScope?: FilingScope | undefined;
}

export interface UnitNode {
  code: string;
  parentCode: string | null;
}

/** What a caller may read: their unit and every unit below it, up to their clearance. */
export interface ReadScope {
  userId: string;
  allUnits: boolean;
  unitCodes: string[];
  maxSecurityRank: number;
}

/** The unit and all its descendants in the unit tree. */
export const subtreeOf = (root: string, units: UnitNode[]): string[] => {
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parentCode) children.set(u.parentCode, [...(children.get(u.parentCode) ?? []), u.code]);
  const out: string[] = [];
  const stack = [root];
  const seen = new Set<string>();
  while (stack.length) {
    const c = stack.pop()!;
    if (seen.has(c)) continue; // a cycle in bad data must not hang the request
    seen.add(c);
    out.push(c);
    stack.push(...(children.get(c) ?? []));
  }
  return out;
};

/**
 * Admins and auditors look across all units (still capped by clearance: an admin manages
 * accounts but reads rahasia content only when cleared); everyone else sees their unit's subtree.
 * A clerk also reads what they may file (a central front office the whole register it keeps).
 */
export const readScopeOf = (actor: Actor, units: UnitNode[]): ReadScope => ({
  userId: actor.id,
  allUnits: hasRole(actor, 'admin', 'auditor') || (hasRole(actor, 'clerk') && actor.filingScope?.kind === 'office'),
  unitCodes: hasRole(actor, 'clerk') ? filingUnitsOf(actor, units) : subtreeOf(actor.unitCode, units),
  maxSecurityRank: securityRank(actor.clearance),
});

/** The same rule the search engines apply in their filters, for single-document reads. */
export const canRead = (scope: ReadScope, doc: { unitCode: string; securityLevel: SecurityLevel; readers?: string[] }): boolean =>
  (doc.readers ?? []).includes(scope.userId) ||
  ((scope.allUnits || scope.unitCodes.includes(doc.unitCode)) && securityRank(doc.securityLevel) <= scope.maxSecurityRank);

/** Who may archive documents (upload, bulk import). */
export const canUpload = (actor: Actor): boolean => hasRole(actor, 'admin', 'clerk');

/** A clerk files documents for the units of their filing scope (filing-scope.ts); an admin for any unit. */
export const canFileFor = (actor: Actor, unitCode: string, units: UnitNode[]): boolean => filingUnitsOf(actor, units).includes(unitCode);

/**
 * Nobody classifies a document (on filing or by a correction) above their own clearance: they
 * could not read it afterwards, and a level is for someone cleared for it to decide.
 */
export const canClassifyAt = (actor: Actor, level: SecurityLevel): boolean => clearedFor(actor.clearance, level);
