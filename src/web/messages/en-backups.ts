import type { idBackups } from './id-backups.ts';

/** English words of the backups page and the admin home's backup warning. */
export const enBackups: Record<keyof typeof idBackups, string> = {
  'nav.backups': 'Backups',

  'backups.title': 'Backups',
  'backups.intro':
    'A backup holds the database, every original and signed letter, and the office keys. With it the whole office can be restored on a new machine.',
  'backups.scheduled': 'Backed up automatically every {hours} hours to {dir}; the last {keep} backups are kept.',
  'backups.notScheduled': 'Automatic backups are not set up. Set BACKUP_DIR on the server, or run: npm run cli -- backup --to DIRECTORY',
  'backups.encrypted': 'Backups are encrypted with a passphrase.',
  'backups.notEncrypted': 'Backups are not encrypted: set BACKUP_PASSPHRASE, since a backup holds every letter of the office.',
  'backups.overdue': 'No backup succeeded in the last {hours} hours.',
  'backups.never': 'This office has never been backed up.',
  'backups.lastGood': 'Last good backup: {when}.',
  'backups.open': 'See the backups',
  'backups.list': 'Latest backups',
  'backups.none': 'No backups yet.',
  'backups.started': 'Started',
  'backups.trigger': 'By',
  'backups.trigger.schedule': 'schedule',
  'backups.trigger.command': 'command',
  'backups.result': 'Result',
  'backups.state.running': 'running',
  'backups.state.succeeded': 'succeeded',
  'backups.state.failed': 'failed',
  'backups.state.interrupted': 'interrupted',
  'backups.size': 'Size',
  'backups.newBytes': '{size} new',
  'backups.duration': 'Duration',
  'backups.seconds': '{n} s',
  'backups.minutes': '{m} min {s} s',
  'backups.name': 'Name',
  'backups.details': 'Details',
  'backups.warnings': '{n} file(s) were missing from storage when it ran',
};
