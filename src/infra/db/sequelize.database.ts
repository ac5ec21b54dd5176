import type { Transaction } from 'sequelize';
import type { Config } from '../../config/config.ts';
import type { Database, Repositories } from '../../ports/repositories.ts';
import { connect } from './connect.ts';
import { guarded, mapDbError } from './db-errors.ts';
import { migrate, type SealingKeys } from './migrate.ts';
import { transactionRunner, type TransactionRunner } from './transactions.ts';
import { sequelizeSnapshotter } from './backup/snapshots.ts';
import type { DatabaseSnapshotter } from '../../ports/database-snapshot.ts';
import { defineModels, type Models } from './models.ts';
import { userRepository, unitRepository, sessionRepository } from './repositories/accounts.repository.ts';
import { accessRequestRepository } from './repositories/access-requests.repository.ts';
import { auditRepository } from './repositories/audit.repository.ts';
import { accessRefusalRepository } from './repositories/access-refusals.repository.ts';
import { rateCountRepository } from './repositories/rate-counts.repository.ts';
import { classificationRepository } from './repositories/classifications.repository.ts';
import { batchRepository } from './repositories/batches.repository.ts';
import { documentRepository, pageTextRepository } from './repositories/documents.repository.ts';
import { jobRepository } from './repositories/jobs.repository.ts';
import { loginThrottleRepository, recoveryCodeRepository } from './repositories/login-security.repository.ts';
import { counterRepository, readerRepository } from './repositories/grants-and-counters.repository.ts';
import { incomingLetterRepository } from './repositories/incoming.repository.ts';
import { dispositionRepository } from './repositories/dispositions.repository.ts';
import { notificationRepository } from './repositories/notifications.repository.ts';
import { outgoingLetterRepository } from './repositories/outgoing.repository.ts';
import { certificateRepository, sealRepository, signedLetterRepository } from './repositories/signing.repository.ts';
import { disposalRepository, transferRepository } from './repositories/disposals.repository.ts';
import { fixityRepository, scheduleRepository } from './repositories/fixity.repository.ts';
import { holdRepository } from './repositories/holds.repository.ts';
import { retentionRepository } from './repositories/retention.repository.ts';
import { statsSource } from './repositories/stats.repository.ts';
import { defineBackupModels, type BackupModels } from './backup-models.ts';
import { publicLogRepository } from './repositories/public-log.repository.ts';
import { letterTypeRepository } from './repositories/letter-types.repository.ts';
import { contactRepository } from './repositories/contacts.repository.ts';
import { savedSearchRepository } from './repositories/saved-searches.repository.ts';
import { letterheadRepository } from './repositories/letterhead.repository.ts';
import { letterEmailRepository } from './repositories/letter-emails.repository.ts';
import { berkasRepository } from './repositories/berkas.repository.ts';
import { incomingReadRepository } from './repositories/incoming-reads.repository.ts';
import { backupRunRepository, backupScheduleRepository } from './repositories/backups.repository.ts';

export const repositories = (m: Models & BackupModels, run: TransactionRunner, t?: Transaction): Repositories => ({
  users: guarded(userRepository(m, t)),
  accessRequests: guarded(accessRequestRepository(m, t)),
  units: guarded(unitRepository(m, t)),
  sessions: guarded(sessionRepository(m, t)),
  recoveryCodes: guarded(recoveryCodeRepository(m, t)),
  loginThrottle: guarded(loginThrottleRepository(m, t)),
  accessRefusals: guarded(accessRefusalRepository(m, t)),
  rateCounts: guarded(rateCountRepository(m, t)),
  documents: guarded(documentRepository(m, t)),
  pages: guarded(pageTextRepository(m, t)),
  jobs: guarded(jobRepository(m, t)),
  batches: guarded(batchRepository(m, t)),
  audit: guarded(auditRepository(m, run, t)),
  readers: guarded(readerRepository(m, t)),
  counters: guarded(counterRepository(m, t)),
  incoming: guarded(incomingLetterRepository(m, t)),
  dispositions: guarded(dispositionRepository(m, t)),
  notifications: guarded(notificationRepository(m, t)),
  outgoing: guarded(outgoingLetterRepository(m, t)),
  stats: guarded(statsSource(m, t)),
  certificates: guarded(certificateRepository(m, t)),
  signedLetters: guarded(signedLetterRepository(m, t)),
  classifications: guarded(classificationRepository(m, t)),
  retention: guarded(retentionRepository(m, t)),
  holds: guarded(holdRepository(m, t)),
  disposals: guarded(disposalRepository(m, t)),
  transfers: guarded(transferRepository(m, t)),
  fixity: guarded(fixityRepository(m, t)),
  schedules: guarded(scheduleRepository(m, t)),
  seals: guarded(sealRepository(m, t)),
  backupRuns: guarded(backupRunRepository(m, t)),
  backupSchedule: guarded(backupScheduleRepository(m, t)),
  publicLog: guarded(publicLogRepository(m, t)),
  letterTypes: guarded(letterTypeRepository(m, t)),
  contacts: guarded(contactRepository(m, t)),
  savedSearches: guarded(savedSearchRepository(m, t)),
  letterhead: guarded(letterheadRepository(m, t)),
  letterEmails: guarded(letterEmailRepository(m, t)),
  berkas: guarded(berkasRepository(m, t)),
  incomingReads: guarded(incomingReadRepository(m, t)),
});

/** Opens the database, applies migrations (with the keys those converting secrets need) and returns the repositories. */
export const openSequelizeDatabase = async (
  db: Config['database'],
  keys: SealingKeys = {},
): Promise<Database & { readonly appliedMigrations: string[]; readonly snapshots: DatabaseSnapshotter }> => {
  const sequelize = connect(db);
  let appliedMigrations: string[];
  for (let attempt = 1; ; attempt++) {
    try {
      await sequelize.authenticate();
      appliedMigrations = await migrate(sequelize, undefined, keys);
      break;
    } catch (e) {
      // Processes opening one new SQLite file at once can meet its lock outside the migration
      // lock (switching to WAL needs the file to itself): wait and try again a few times.
      if (attempt < 6 && /SQLITE_BUSY/.test(String((e as Error)?.message))) {
        await new Promise((r) => setTimeout(r, 100 * attempt));
        continue;
      }
      await sequelize.close().catch(() => undefined);
      throw mapDbError(e);
    }
  }
  const models = { ...defineModels(sequelize), ...defineBackupModels(sequelize) };
  const run = transactionRunner(sequelize);
  // A snapshot reads through the live models in a transaction (MySQL) or through models of its own on a copy (SQLite).
  const snapshots = sequelizeSnapshotter(sequelize, db, (s, t) =>
    s === sequelize ? repositories(models, run, t) : repositories({ ...defineModels(s), ...defineBackupModels(s) }, transactionRunner(s), t),
  );
  return {
    appliedMigrations,
    snapshots,
    ...repositories(models, run),
    async transaction(fn) {
      try {
        return await run((t) => fn(repositories(models, run, t)));
      } catch (e) {
        throw mapDbError(e);
      }
    },
    async ping() {
      try {
        await sequelize.query('SELECT 1');
      } catch (e) {
        throw mapDbError(e);
      }
    },
    close: () => sequelize.close(),
  };
};
