import { pathToFileURL } from 'node:url';
import { ConfigError } from '../src/config/config.ts';
import { AppError } from '../src/domain/errors.ts';
import { auditCheckpointCommand } from './commands/audit-checkpoint.command.ts';
import { backupCommand } from './commands/backup.command.ts';
import { backupVerifyCommand } from './commands/backup-verify.command.ts';
import { type Command, type CommandIo, EXIT, UsageError, commandHelp, parseFlags } from './commands/command.ts';
import { logAuditCommand } from './commands/log-audit.command.ts';
import { logKeyCommand } from './commands/log-key.command.ts';
import { migrateCommand } from './commands/migrate.command.ts';
import { reconcileCommand } from './commands/reconcile.command.ts';
import { reindexCommand } from './commands/reindex.command.ts';
import { restoreCommand } from './commands/restore.command.ts';
import { unitCreateCommand } from './commands/unit-create.command.ts';
import { userCreateCommand } from './commands/user-create.command.ts';
import { verifyAuditCommand } from './commands/verify-audit.command.ts';

/** Every command, in the order the help lists them. */
const COMMANDS: Command[] = [
  userCreateCommand,
  unitCreateCommand,
  migrateCommand,
  reindexCommand,
  reconcileCommand,
  verifyAuditCommand,
  auditCheckpointCommand,
  backupCommand,
  backupVerifyCommand,
  restoreCommand,
  logKeyCommand,
  logAuditCommand,
];

const overview = (): string =>
  [
    'Usage: npm run cli -- <command> [--flags]',
    '',
    'Reads its configuration from the environment exactly like the server (DATA_DIR, DATABASE_URL, ...).',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(16)} ${c.summary.split('\n')[0]}`),
    '',
    'Run `npm run cli -- <command> --help` for its options. Exit codes: 0 done, 1 failed or found a problem, 2 usage error.',
  ].join('\n');

/** Runs one command line and returns its exit code; never exits the process itself. */
export const runCli = async (argv: string[], io: CommandIo): Promise<number> => {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === 'help') {
    (name === undefined ? io.err : io.out)(overview());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`unknown command ${JSON.stringify(name)}\n\n${overview()}`);
    return EXIT.usage;
  }
  if (args.includes('--help')) {
    io.out(commandHelp(command));
    return EXIT.ok;
  }
  try {
    return await command.run(parseFlags(args, command.flags, command.positional), io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${command.name}: ${e.message}\n\n${commandHelp(command)}`);
      return EXIT.usage;
    }
    if (e instanceof ConfigError) {
      io.err(e.message);
      return EXIT.usage;
    }
    if (e instanceof AppError) {
      const fields = (e.errors ?? []).map((f) => `\n  ${f.field}: ${f.message}`).join('');
      io.err(`${command.name} failed: ${e.detail}${fields}`);
      return EXIT.failed;
    }
    io.err(`${command.name} failed: ${(e as Error).stack ?? String(e)}`);
    return EXIT.failed;
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const io: CommandIo = { env: process.env, out: (l) => console.log(l), err: (l) => console.error(l) };
  runCli(process.argv.slice(2), io).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(EXIT.failed);
    },
  );
}
