/** The backups page's shapes, as GET /api/v1/backups answers. */
import type * as Api from './api-types.generated.ts';

export const BACKUP_STATES = ['running', 'succeeded', 'failed', 'interrupted'] as const satisfies readonly Api.BackupRun['state'][];
export type BackupState = (typeof BACKUP_STATES)[number];

export type BackupRun = Api.BackupRun;

export type BackupPage = Api.BackupPage;
