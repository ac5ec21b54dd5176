import { runCli } from '../../scripts/cli.ts';

/**
 * Runs a command line in this process, exactly as `npm run cli` would parse and answer it, with
 * only the environment given; quicker than a process of its own where the process does not matter.
 */
export const cliHere = async (args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { env: { LOG_LEVEL: 'silent', ...env }, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};
