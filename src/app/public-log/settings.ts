import type { NoteKey, NoteSigner } from '../../domain/public-log/signed-note.ts';

/** Another office's log this office witnesses (LOG_WITNESSES): where it answers and its verifier key. */
export interface WitnessedLog {
  url: string;
  key: NoteKey;
}

/** The public log's configuration, as use cases see it. */
export interface PublicLogSettings {
  /** The checkpoint's first line and the log key's name. */
  origin: string;
  signer: NoteSigner;
  /** Logs this office witnesses; their keys are also the keys whose cosignatures of our checkpoints we accept. */
  witnesses: WitnessedLog[];
}
