import type { Sequelize } from 'sequelize';
import { bigint, bool, date, type DbBigint, type DbBool, type DbDate, int, key, str, table, text } from './columns.ts';

/** A row of `units`. */
export interface UnitRow {
  code: string;
  name: string;
  parentCode: string | null;
  createdAt: DbDate;
}

/** A row of `users`. */
export interface UserRow {
  id: string;
  username: string;
  passwordHash: string;
  name: string;
  role: string;
  unitCode: string;
  clearance: string;
  disabled: DbBool;
  totpSecret: string | null;
  totpEnabledAt: DbDate | null;
  totpLastStep: DbBigint | null;
  email: string | null;
  filingScope: string;
  filingUnits: string | null;
  nip: string | null;
  jabatan: string | null;
  mustChangePassword: DbBool;
  certificateRequestedAt: DbDate | null;
  passwordResetHash: string | null;
  passwordResetExpiresAt: DbDate | null;
  createdAt: DbDate;
}

/** A row of `sessions`. */
export interface SessionRow {
  tokenHash: string;
  userId: string;
  purpose: string;
  expiresAt: DbDate;
  revokedAt: DbDate | null;
  createdAt: DbDate;
}

/** A row of `recovery_codes`. */
export interface RecoveryCodeRow {
  userId: string;
  codeHash: string;
  usedAt: DbDate | null;
}

/** A row of `login_throttle`. */
export interface LoginThrottleRow {
  key: string;
  failures: number;
  lockedUntil: DbDate | null;
  updatedAt: DbDate;
}

/** A row of `access_requests`. */
export interface AccessRequestRow {
  id: string;
  userId: string;
  changes: string;
  level: string;
  status: string;
  requestedBy: string;
  requestedAt: DbDate;
  decidedBy: string | null;
  decidedAt: DbDate | null;
}

/** Units, users and what signs them in (migrations 001, 002), and the requests to change their access (007). */
export const defineAccountModels = (s: Sequelize) => ({
  Unit: table<UnitRow>(s, 'Unit', 'units', { code: key(str()), name: str(), parentCode: str(), createdAt: date() }),
  User: table<UserRow, 'disabled' | 'mustChangePassword' | 'filingScope'>(s, 'User', 'users', {
    id: key(str()),
    username: str(),
    passwordHash: str(),
    name: str(),
    role: str(),
    unitCode: str(),
    clearance: str(),
    disabled: bool(),
    totpSecret: str(),
    totpEnabledAt: date(),
    totpLastStep: bigint(),
    email: str(),
    filingScope: str(),
    filingUnits: text(),
    nip: str(),
    jabatan: str(),
    mustChangePassword: bool(),
    certificateRequestedAt: date(),
    passwordResetHash: str(),
    passwordResetExpiresAt: date(),
    createdAt: date(),
  }),
  Session: table<SessionRow, 'purpose'>(s, 'Session', 'sessions', {
    tokenHash: key(str()),
    userId: str(),
    purpose: str(),
    expiresAt: date(),
    revokedAt: date(),
    createdAt: date(),
  }),
  RecoveryCode: table<RecoveryCodeRow>(s, 'RecoveryCode', 'recovery_codes', { userId: key(str()), codeHash: key(str()), usedAt: date() }),
  LoginThrottle: table<LoginThrottleRow>(s, 'LoginThrottle', 'login_throttle', { key: key(str()), failures: int(), lockedUntil: date(), updatedAt: date() }),
  AccessRequest: table<AccessRequestRow>(s, 'AccessRequest', 'access_requests', {
    id: key(str()),
    userId: str(),
    changes: text(),
    level: str(),
    status: str(),
    requestedBy: str(),
    requestedAt: date(),
    decidedBy: str(),
    decidedAt: date(),
  }),
});
