import { clamdAbsence, startClamd } from './clamd-daemon.ts';
import { md5, startFakeClamd } from './fake-clamd.ts';

/** A clamd for an app under test: its CLAMD_SOCKET value, and a way to take it down and bring it back. */
export interface TestScanner {
  socket: string;
  down(): Promise<void>;
  up(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * The real clamd when it is installed (on a signature database naming only `malware`), else the
 * fake that speaks its protocol: the contract suite shows the two answer alike.
 */
/** Which scanner startTestScanner starts here, for a suite's title. */
export const testScannerKind = (): string => {
  const absent = clamdAbsence();
  return absent ? `the fake clamd (${absent})` : 'a real clamd';
};

export const startTestScanner = async (malware: { bytes: Uint8Array; name: string }, maxStreamBytes = 2 * 1024 * 1024): Promise<TestScanner> => {
  if (!clamdAbsence()) {
    const clamd = await startClamd({ signatures: [malware], streamMaxLength: `${Math.floor(maxStreamBytes / 1024)}K` });
    return { socket: clamd.socket, down: clamd.stop, up: clamd.start, destroy: clamd.destroy };
  }
  const fake = await startFakeClamd({ signatures: new Map([[md5(malware.bytes), malware.name]]), maxStreamBytes });
  if (!('path' in fake.address)) throw new Error('the fake clamd listens on a unix socket here');
  return {
    socket: fake.address.path,
    down: async () => void (fake.behaviour = 'hangup'),
    up: async () => void (fake.behaviour = 'normal'),
    destroy: fake.stop,
  };
};
