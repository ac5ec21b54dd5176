import { createUser } from '../../src/app/accounts/manage-users.ts';
import { ROLES } from '../../src/domain/roles.ts';
import { SECURITY_LEVELS } from '../../src/domain/security-level.ts';
import { withCommandApp } from './app-context.ts';
import { type Command, EXIT, oneOf } from './command.ts';

/** `user:create`: what POST /api/v1/users does, from the shell (no admin needed; audited with no actor). */
export const userCreateCommand: Command = {
  name: 'user:create',
  summary: 'Creates a user in an existing unit (make the unit first with unit:create on an empty database).',
  flags: {
    username: { value: true, required: true, help: 'login name' },
    password: { value: true, required: true, help: 'at least 8 characters' },
    role: { value: true, required: true, help: `${ROLES.join(' | ')}, or several comma-separated` },
    unit: { value: true, required: true, help: 'code of the unit the user belongs to' },
    name: { value: true, help: 'display name (default: the username)' },
    clearance: { value: true, help: `${SECURITY_LEVELS.join(' | ')} (default: biasa)` },
  },
  async run(flags, io) {
    const roles = String(flags.role)
      .split(',')
      .map((r) => oneOf('role', r.trim(), ROLES)!);
    const clearance = oneOf('clearance', flags.clearance, SECURITY_LEVELS) ?? 'biasa';
    const username = String(flags.username);
    const password = String(flags.password);
    const name = typeof flags.name === 'string' ? flags.name : username;
    const user = await withCommandApp(io.env, ({ deps }) =>
      createUser(deps, null, { username, password, name, roles, unitCode: String(flags.unit), clearance }),
    );
    io.out(`created user ${user.username} (${user.roles.join(', ')}, unit ${user.unitCode}, clearance ${user.clearance}) with id ${user.id}`);
    return EXIT.ok;
  },
};
