/** A verifier thread (threaded.verifier.ts): the PAdES checks of one file at a time. */
import { serveThread } from '../threads/serve-thread.ts';
import { createPadesVerifier } from './pades.verifier.ts';
import type { VerifierOps } from './threaded.verifier.ts';

const verifier = createPadesVerifier();

serveThread({ verify: ({ pdf, trustAnchors, options }) => verifier.verify(pdf, trustAnchors, options) } satisfies VerifierOps);
