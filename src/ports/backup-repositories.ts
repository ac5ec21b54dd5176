/**
 * What the database keeps about backups: one row per run (for the admin page and the "last good
 * backup" warning) and the schedule's lease, which makes the periodic backup run once per period
 * however many worker processes the office has.
 */

export type BackupRunState = 'running' | 'succeeded' | 'failed';
/** Who started a run: the workers' schedule or `npm run cli -- backup`. */
export type BackupTrigger = 'schedule' | 'command';

export interface BackupRunRecord {
  id: string;
  trigger: BackupTrigger;
  state: BackupRunState;
  /** The backup directory (DIR) it wrote into. */
  directory: string;
  /** Its folder under DIR/backups, once the manifest is written. */
  name: string | null;
  encrypted: boolean;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt: Date | null;
  /** Bytes and objects the backup holds, and how many of them this run wrote (the rest were there). */
  bytes: number | null;
  newBytes: number | null;
  objects: number | null;
  newObjects: number | null;
  /** What a succeeded run could not take (e.g. an original missing from storage). */
  warnings: string[];
  error: string | null;
}

/** How a run ended. */
export interface BackupRunOutcome {
  state: 'succeeded' | 'failed';
  finishedAt: Date;
  name?: string | null;
  bytes?: number | null;
  newBytes?: number | null;
  objects?: number | null;
  newObjects?: number | null;
  warnings?: string[];
  error?: string | null;
}

/** Backup runs, newest first. */
export interface BackupRunRepository {
  /** Records a run as `running` with its heartbeat at `startedAt`. */
  start(run: Pick<BackupRunRecord, 'id' | 'trigger' | 'directory' | 'encrypted' | 'startedAt'>): Promise<void>;
  /** Says the run is still working. */
  heartbeat(id: string, at: Date): Promise<void>;
  /** Records how the run ended (also rewrites a restored copy of the run that made the backup). */
  finish(id: string, outcome: BackupRunOutcome): Promise<void>;
  /**
   * Runs still `running` that cannot be (a killed process): those into `directory`, whose lock the
   * caller now holds, and any whose heartbeat stopped before `staleBefore`. They become failed.
   */
  failAbandoned(o: { directory: string; staleBefore: Date }, now: Date): Promise<number>;
  list(page: number, limit: number): Promise<{ items: BackupRunRecord[]; total: number }>;
  /** The newest run that succeeded, or null. */
  lastSucceeded(): Promise<BackupRunRecord | null>;
}

/** The periodic backup's one row: who holds it now, and when it was last tried. */
export interface BackupScheduleState {
  leaseOwner: string | null;
  leaseUntil: Date | null;
  lastAttemptAt: Date | null;
}

/** The schedule's lease, taken by compare-and-set so one process runs each period. */
export interface BackupScheduleRepository {
  state(): Promise<BackupScheduleState>;
  /**
   * Takes the lease until `leaseUntil` and sets the last attempt to `now`, if nobody holds a live
   * lease and the last attempt is still `seenLastAttemptAt` (what the caller decided on); false
   * when another process was first.
   */
  claim(owner: string, now: Date, leaseUntil: Date, seenLastAttemptAt: Date | null): Promise<boolean>;
  /** Extends the lease while the run works; false when it was lost. */
  renew(owner: string, leaseUntil: Date): Promise<boolean>;
  /** Gives the lease up (the run ended). */
  release(owner: string): Promise<void>;
}
