import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { bootstrapAdmin } from './app/accounts/bootstrap-admin.ts';
import { recordScheduledCheckpoint } from './app/audit/checkpoints.ts';
import type { AppDeps } from './app/deps.ts';
import { reminderRound } from './app/notifications/reminder-round.ts';
import { ReminderMemo } from './app/notifications/scan-reminders.ts';
import { recordsTick } from './app/records/periodic-records.ts';
import { backupSettingsOf, startBackupSchedule } from './backup-wiring.ts';
import { publicLogSettingsOf, startPublicLog } from './public-log-wiring.ts';
import { type Config, ConfigError, loadConfig } from './config/config.ts';
import { createHttpApp } from './http/app.ts';
import { endSlowBodies } from './http/slow-bodies.ts';
import { type Adapters, openAdapters } from './infra/adapters.ts';
import { JobRunner } from './pipeline/job-runner.ts';
import { stageHandlers, unrunnableJobTypes } from './pipeline/stages.ts';
import type { LogSequencer } from './pipeline/log-sequencer.ts';
import { type Clock, systemClock } from './ports/clock.ts';
import type { PasswordHasher } from './ports/password-hasher.ts';

export interface Naskah {
  deps: AppDeps;
  adapters: Adapters;
  runner?: JobRunner;
  /** The public log's sequencer in this process (tests wait on it). */
  logSequencer: LogSequencer;
  server?: Server;
  url?: string;
  /** The password generated for `admin` on a first start without ADMIN_PASSWORD. */
  generatedAdminPassword?: string;
  stop(): Promise<void>;
}

const HOUR = 3600_000;

/** What use cases are given, from the configuration and the adapters it chose (the server's and the CLI's alike). */
export const appDeps = (config: Config, adapters: Adapters, clock: Clock): AppDeps => ({
  ...adapters,
  clock,
  limits: config.limits,
  jobs: config.jobs,
  records: config.records,
  tokenTtlHours: config.tokenTtlHours,
  officeTimeZone: config.reminders.timeZone,
  publicUrl: config.publicUrl,
  backup: backupSettingsOf(config),
  publicLog: publicLogSettingsOf(config, adapters.logSigner),
});

/** Builds the adapters the configuration names and starts the roles it asks for (web, worker). */
export const startNaskah = async (
  config: Config,
  log: pino.Logger = pino({ level: config.logLevel }),
  // Threads are started ahead of their first use unless told otherwise (tests that never read a file skip the cost).
  // checkResponses (tests only): answers are checked against their declared schemas (http/openapi/response-check.ts).
  // hasher (tests only): a cheaper argon2id than the server's floor; nothing configures it.
  o: { warmOcr?: boolean; warmReaders?: boolean; clock?: Clock; checkResponses?: boolean; hasher?: PasswordHasher } = {},
): Promise<Naskah> => {
  const opened = await openAdapters(config);
  const adapters = o.hasher ? { ...opened, hasher: o.hasher } : opened;
  const clock = o.clock ?? systemClock;
  const deps = appDeps(config, adapters, clock);
  // Storage and search may come up after us: readiness says so, and jobs retry until they answer.
  await adapters.blobs.init().catch((e: unknown) => log.warn({ err: (e as Error).message }, 'storage not ready at start'));
  await adapters.search.init().catch((e: unknown) => log.warn({ err: (e as Error).message }, 'search not ready at start'));
  // Uploads (web) and extraction (worker) both read files; the first one should not wait for a thread to start.
  if (o.warmReaders ?? true)
    void adapters.extractor.warm().catch((e: unknown) => log.error({ err: (e as Error).message }, 'file reader threads failed to start'));
  // One process doing everything owns the temp folder; split roles leave recent files to their owners.
  const swept = await adapters.staging.sweep(config.roles.web && config.roles.worker ? 0 : HOUR);
  if (swept) log.info({ swept }, 'removed temp files left by an earlier run');
  const sweeper = setInterval(() => void adapters.staging.sweep(6 * HOUR).catch(() => undefined), HOUR).unref();

  let generatedAdminPassword: string | undefined;
  let admin = config.admin;
  if (!admin && (await adapters.db.users.count()) === 0) {
    generatedAdminPassword = randomBytes(12).toString('base64url');
    admin = { username: 'admin', password: generatedAdminPassword };
  }
  if (await bootstrapAdmin(deps, admin, config.adminClearance)) log.info({ username: admin!.username }, 'created the first admin');

  let runner: JobRunner | undefined;
  let checkpointTimer: NodeJS.Timeout | undefined;
  let reminderTimer: NodeJS.Timeout | undefined;
  let reminderRun: Promise<void> | undefined;
  let recordsTimer: NodeJS.Timeout | undefined;
  let backups: { stop(): Promise<void> } | undefined;
  if (config.roles.worker) {
    const handlers = stageHandlers(deps);
    // A job this worker cannot run (enqueued by a newer version) would wait forever unseen: refuse to start instead.
    const unrunnable = await unrunnableJobTypes(adapters.db.jobs, handlers);
    if (unrunnable.length) {
      await adapters.search.close();
      await adapters.db.close();
      throw new Error(
        `the job table holds jobs of types this worker has no handler for (${unrunnable.join(', ')}): run the Naskah version that enqueued them, or remove those jobs`,
      );
    }
    runner = new JobRunner({
      jobs: adapters.db.jobs,
      handlers,
      clock,
      concurrency: config.jobs.concurrency,
      pollMs: config.jobs.pollMs,
      leaseMs: config.jobs.leaseMs,
      log,
    });
    deps.jobsEnqueued = () => runner!.nudge();
    runner.start();
    // Every worker runs the timer; a head already checkpointed (by another worker) is skipped, one seq is one row.
    if (config.audit.checkpointMinutes > 0) {
      const checkpoint = () =>
        recordScheduledCheckpoint(deps).then(
          (c) => c && log.info({ seq: c.seq, hash: c.hash }, 'recorded an audit checkpoint'),
          (e: unknown) => log.warn({ err: (e as Error).message }, 'audit checkpoint failed; trying again next time'),
        );
      checkpointTimer = setInterval(() => void checkpoint(), config.audit.checkpointMinutes * 60_000).unref();
    }
    // Every worker scans; each reminder is one row by its dedupe key, each email is taken by compare-and-set.
    if (config.reminders.scanSeconds > 0) {
      const memo = new ReminderMemo();
      reminderTimer = setInterval(() => {
        if (reminderRun) return; // the last round is still going
        reminderRun = reminderRound(deps, memo, log)
          .catch((e: unknown) => log.warn({ err: (e as Error).message }, 'reminder round failed; trying again next time'))
          .finally(() => (reminderRun = undefined));
      }, config.reminders.scanSeconds * 1000).unref();
    }
    // Retention passes and fixity runs: claimed per period in the database, so one worker of many starts each.
    const records = () =>
      recordsTick(deps).then(
        (started) => started.length && log.info({ started }, 'started periodic records work'),
        (e: unknown) => log.warn({ err: (e as Error).message }, 'periodic records work failed; trying again next minute'),
      );
    if (config.records.retentionPassHours > 0 || config.records.fixityEveryHours > 0) {
      void records();
      recordsTimer = setInterval(() => void records(), 60_000).unref();
    }
    // BACKUP_DIR: every worker looks; a lease in the database lets one back up each period.
    backups = startBackupSchedule(adapters, config, clock, log);
    if (o.warmOcr ?? true) void adapters.ocr.warm().catch((e: unknown) => log.error({ err: (e as Error).message }, 'OCR workers failed to start'));
  }

  const publicLog = await startPublicLog(deps, config, log, { worker: config.roles.worker });

  let server: Server | undefined;
  let url: string | undefined;
  if (config.roles.web) {
    const app = createHttpApp(deps, log, { publicUrl: config.publicUrl, trustProxy: config.trustProxy, checkResponses: o.checkResponses });
    server = await new Promise<Server>((resolve, reject) => {
      // Node checks header deadlines every connectionsCheckingInterval (30 s by default): often enough to keep ours.
      const s = createServer({ connectionsCheckingInterval: 1000 }, app).listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    // Large uploads stream for minutes, so no cap on a whole request; a body must keep a minimum pace instead.
    server.requestTimeout = 0;
    server.headersTimeout = config.requestPace.headersMs;
    endSlowBodies(server, config.requestPace);
    const addr = server.address();
    url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${typeof addr === 'object' && addr ? addr.port : config.port}`;
    // PORT=0 (any free port, as tests use) leaves the default public URL without a real port.
    if (config.publicUrl.endsWith(':0')) deps.publicUrl = url;
  }

  return {
    deps,
    adapters,
    logSequencer: publicLog.sequencer,
    ...(runner ? { runner } : {}),
    ...(server ? { server } : {}),
    ...(url ? { url } : {}),
    ...(generatedAdminPassword ? { generatedAdminPassword } : {}),
    async stop() {
      clearInterval(sweeper);
      clearInterval(checkpointTimer);
      clearInterval(reminderTimer);
      clearInterval(recordsTimer);
      if (server) await new Promise<void>((r) => server!.close(() => r()));
      server?.closeAllConnections();
      await runner?.stop();
      await publicLog.stop();
      await reminderRun;
      await backups?.stop();
      await adapters.mailer.close();
      await adapters.ocr.close();
      await adapters.extractor.close();
      await adapters.signing.close();
      await adapters.paper.close();
      await adapters.search.close();
      await adapters.db.close();
    },
  };
};

const main = async () => {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const log = pino({ level: config.logLevel });
  const naskah = await startNaskah(config, log);
  const roles = [config.roles.web && 'web', config.roles.worker && 'worker'].filter(Boolean).join(' + ');
  console.log(`\nNaskah is running (${roles}; database ${config.database.dialect}, storage ${config.storage.driver}, search ${config.search.driver}).`);
  if (naskah.url) {
    console.log(`  URL:    ${naskah.url}   (open it in a browser; API under ${naskah.url}/api/v1, contract at ${naskah.url}/api/v1/openapi.json)`);
    if (naskah.generatedAdminPassword)
      console.log(`  Log in: username "admin", password "${naskah.generatedAdminPassword}" (generated now and shown once; change it)`);
    else if (config.admin) console.log(`  Log in: username "${config.admin.username}" with the password in ADMIN_PASSWORD`);
    else console.log('  Log in: with an existing account (create one with: npm run cli -- user:create --username U --password P --role R --unit CODE)');
    console.log(`  API:    curl -s -X POST ${naskah.url}/api/v1/auth/login -H 'content-type: application/json' -d '{"username":"…","password":"…"}'`);
    console.log('  Admins, officials and anyone cleared for rahasia turn on two-factor login (TOTP) at their first login,');
    console.log('  with an authenticator app (the browser shows the QR code; for curl see the README, "Logging in").\n');
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    naskah.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(`Naskah could not start: ${(e as Error).message}`);
    process.exit(1);
  });
}
