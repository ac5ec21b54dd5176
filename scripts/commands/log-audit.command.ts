import { auditLog } from '../../src/app/public-log/audit-log.ts';
import { parseVerifierKey } from '../../src/domain/public-log/signed-note.ts';
import { httpRemoteLogs } from '../../src/infra/public-log/http-remote-logs.ts';
import { type Command, EXIT, UsageError } from './command.ts';

/**
 * `log:audit URL [--key KEY] [--witness URL,URL] [--witness-key KEY,KEY --require-cosignatures K]`: an inspector's check of a Naskah public log
 * from outside: replays every leaf, recomputes the signed head, checks the log's proofs and what
 * witnesses saw. Exit 1 naming the position when the log was rewritten or shows a split view.
 */
export const logAuditCommand: Command = {
  name: 'log:audit',
  summary: [
    "Fetches a Naskah office's public log (URL is the office's address), checks its checkpoint against the",
    "log's key (--key, as GET /log/key prints it; without it, the key the log serves, which proves only",
    'self-consistency), replays every leaf, recomputes the root and checks inclusion and consistency proofs.',
    'With --witness, compares what those offices saw of this log (split views). With --witness-key and',
    '--require-cosignatures k, audits the newest checkpoint k of those witnesses validly cosigned, and fails',
    'when the log offers none. Prints JSON; exits 1 naming the position when the log was rewritten, a proof',
    'fails or two heads exist for one size, and with too-few-cosignatures when fewer than k cosigned.',
  ].join('\n'),
  positional: 'url',
  flags: {
    url: { value: true, required: true, help: "the office's address, e.g. https://naskah.bkd.example.go.id" },
    key: { value: true, help: 'the verifier key to trust (name+hash+base64)' },
    witness: { value: true, help: 'comma-separated addresses of witnessing offices to compare with' },
    'witness-key': { value: true, help: "comma-separated verifier keys of witnesses you trust (each as its office's GET /log/key prints it)" },
    'require-cosignatures': { value: true, help: 'how many of those witnesses must have cosigned the checkpoint audited (default 0)' },
  },
  async run(flags, io) {
    const url = String(flags.url).replace(/\/$/, '');
    if (!/^https?:\/\/\S+$/.test(url)) throw new UsageError('URL must be http(s)://…');
    const remote = httpRemoteLogs();
    const keyText = typeof flags.key === 'string' ? flags.key : (await (await fetch(`${url}/log/key`)).text()).trim();
    const key = parseVerifierKey(keyText);
    if (!key) throw new UsageError(`${keyText} is not a verifier key (name+hash+base64)`);
    const witnesses =
      typeof flags.witness === 'string'
        ? flags.witness
            .split(',')
            .map((w) => w.trim().replace(/\/$/, ''))
            .filter(Boolean)
        : [];
    const witnessKeys =
      typeof flags['witness-key'] === 'string'
        ? flags['witness-key']
            .split(',')
            .map((w) => w.trim())
            .filter(Boolean)
        : [];
    const parsedKeys = witnessKeys.map((w) => {
      const k = parseVerifierKey(w);
      if (!k) throw new UsageError(`${w} is not a witness verifier key (name+hash+base64)`);
      return k;
    });
    const required = flags['require-cosignatures'] === undefined ? 0 : Number(flags['require-cosignatures']);
    if (!Number.isInteger(required) || required < 0) throw new UsageError('--require-cosignatures takes a whole number');
    if (required > parsedKeys.length)
      throw new UsageError(`--require-cosignatures ${required} needs at least ${required} keys in --witness-key (given ${parsedKeys.length})`);
    const result = await auditLog(remote, url, key, { witnesses, ...(parsedKeys.length ? { witnessKeys: parsedKeys } : {}), requireCosignatures: required });
    io.out(JSON.stringify(result));
    if (!result.ok) io.err(`the log ${key.name} failed the audit${result.position === null ? '' : ` at position ${result.position}`}: ${result.detail}`);
    else if (typeof flags.key !== 'string')
      io.err('checked against the key the log itself serves: pass --key with a key obtained elsewhere to trust the result');
    return result.ok ? EXIT.ok : EXIT.failed;
  },
};
