/** What every CLI command is: a name, its flags, a help text and a run that returns an exit code. */

/** Exit codes: 0 done, 1 the work failed or found a problem, 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** One flag a command accepts. */
export interface FlagSpec {
  /** A flag that takes a value (`--unit ORG`); otherwise it is a switch (`--repair`). */
  value: boolean;
  required?: boolean;
  help: string;
}

/** Parsed flags by name: the value, `true` for a switch, undefined when not given. */
export type Flags = Record<string, string | boolean | undefined>;

/** Where a command writes, so tests can capture it. */
export interface CommandIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
}

/** One CLI command; `run` throws UsageError for a bad command line and returns the exit code otherwise. */
export interface Command {
  name: string;
  summary: string;
  flags: Record<string, FlagSpec>;
  /** A flag a bare argument fills (`backup:verify DIR` for `--dir DIR`). */
  positional?: string;
  run(flags: Flags, io: CommandIo): Promise<number>;
}

/** A mistake on the command line: the CLI prints it with the command's help and exits 2. */
export class UsageError extends Error {}

/** Parses `--name value`, `--name=value` and `--switch` against a command's flags. */
export const parseFlags = (args: string[], specs: Record<string, FlagSpec>, positional?: string): Flags => {
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
    if (!m && positional && !arg.startsWith('-') && flags[positional] === undefined) {
      flags[positional] = arg;
      continue;
    }
    if (!m) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
    const [, name = '', inline] = m;
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown flag --${name}`);
    if (name in flags) throw new UsageError(`--${name} given twice`);
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    flags[name] = value;
  }
  for (const [name, spec] of Object.entries(specs)) if (spec.required && flags[name] === undefined) throw new UsageError(`--${name} is required`);
  return flags;
};

/** The help text of one command. */
export const commandHelp = (c: Command): string => {
  const usage = Object.entries(c.flags)
    .map(([n, s]) => {
      const f = s.value ? `--${n} ${n.toUpperCase()}` : `--${n}`;
      return s.required ? f : `[${f}]`;
    })
    .join(' ');
  const rows = Object.entries(c.flags).map(([n, s]) => `  --${n.padEnd(12)} ${s.help}${s.required ? ' (required)' : ''}`);
  const bare = c.positional ? ` (or ${c.positional.toUpperCase()} without --${c.positional})` : '';
  return [
    `Usage: npm run cli -- ${c.name}${usage ? ` ${usage}` : ''}${bare}`,
    '',
    c.summary,
    '',
    'Options:',
    ...rows,
    `  --${'help'.padEnd(12)} show this help`,
  ].join('\n');
};

/** A flag's value that must be one of `allowed`. */
export const oneOf = <T extends string>(flag: string, value: string | boolean | undefined, allowed: readonly T[]): T | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
};
