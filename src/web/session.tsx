import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role, Unit, User } from './types.ts';

/** Who is logged in and what every page needs about the office (units for names and forms). */
export interface Session {
  user: User;
  units: Unit[];
  /** Re-reads the units (after an admin adds or renames one). */
  reloadUnits(): Promise<void>;
  logout(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export const useSession = (): Session => {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a logged-in page');
  return s;
};

export const hasRole = (user: Pick<User, 'roles'>, ...roles: Role[]): boolean => roles.some((r) => user.roles.includes(r));

/** The office's name: the root of the unit tree (the first start calls it ORG). */
export const officeName = (units: Unit[]): string => units.find((u) => u.parentCode === null)?.name ?? '';

export const unitName = (units: Unit[], code: string): string => units.find((u) => u.code === code)?.name ?? code;
