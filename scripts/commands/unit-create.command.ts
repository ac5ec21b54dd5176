import { createUnit } from '../../src/app/accounts/manage-units.ts';
import { withCommandApp } from './app-context.ts';
import { type Command, EXIT } from './command.ts';

/** `unit:create`: what POST /api/v1/units does, from the shell; the root unit has no parent. */
export const unitCreateCommand: Command = {
  name: 'unit:create',
  summary: 'Creates an organisational unit, under an existing parent or as a root (the server creates ORG on its first start).',
  flags: {
    code: { value: true, required: true, help: 'unit code, e.g. ORG or SETDA' },
    name: { value: true, required: true, help: 'unit name' },
    parent: { value: true, help: 'code of the parent unit' },
  },
  async run(flags, io) {
    const parentCode = typeof flags.parent === 'string' ? flags.parent : undefined;
    const unit = await withCommandApp(io.env, ({ deps }) => createUnit(deps, null, { code: String(flags.code), name: String(flags.name), parentCode }));
    io.out(`created unit ${unit.code} (${unit.name})${unit.parentCode ? ` under ${unit.parentCode}` : ' as a root'}`);
    return EXIT.ok;
  },
};
