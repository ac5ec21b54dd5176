/**
 * Secrets the installation generated for itself and keeps beside its data (DATA_DIR/secrets,
 * e.g. what locks the office CA's key). A backup carries them: without them a restored office
 * could not open its own keys.
 */
export interface SecretFiles {
  /** Paths relative to the secrets folder, every file in it. */
  list(): Promise<string[]>;
  read(path: string): Promise<Buffer>;
  /** Writes (or replaces) a secret, readable by the owner only, durably. */
  write(path: string, bytes: Buffer): Promise<void>;
}
