import { logVerifierKey } from '../../src/app/public-log/publish.ts';
import { withCommandApp } from './app-context.ts';
import { type Command, EXIT } from './command.ts';

/** `log:key`: prints this office's public-log verifier key, for witnesses and inspectors to keep. */
export const logKeyCommand: Command = {
  name: 'log:key',
  summary: "Prints this office's public-log verifier key (signed-note format, name+hash+base64), as GET /log/key serves it.",
  flags: {},
  async run(_flags, io) {
    io.out(await withCommandApp(io.env, async ({ deps }) => logVerifierKey(deps)));
    return EXIT.ok;
  },
};
