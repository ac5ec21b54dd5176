/** Every operation declared with zod schemas (the rest of the OpenAPI document is still hand-kept in ../openapi/). */
import type { Operation } from '../openapi/operation.ts';
import { backupOps } from './backups.schemas.ts';
import { berkasOps } from './berkas.schemas.ts';
import { classificationOps } from './classifications.schemas.ts';
import { accountOps } from './accounts.schemas.ts';
import { auditOps } from './audit.schemas.ts';
import { authOps } from './auth.schemas.ts';
import { correspondenceOps } from './correspondence.schemas.ts';
import { dispositionOps } from './dispositions.schemas.ts';
import { documentOps } from './documents.schemas.ts';
import { healthOps } from './health.schemas.ts';
import { incomingPaperOps } from './incoming-papers.schemas.ts';
import { incomingOps } from './incoming.schemas.ts';
import { jobOps } from './jobs.schemas.ts';
import { letterCorrectionOps } from './letter-corrections.schemas.ts';
import { recordActOps } from './record-acts.schemas.ts';
import { recordOps } from './records.schemas.ts';
import { notificationOps } from './notifications.schemas.ts';
import { ownCertificateOps } from './own-certificate.schemas.ts';
import { peopleOps } from './people.schemas.ts';
import { searchOps } from './search.schemas.ts';

export const declaredOperations: readonly Operation[] = [
  ...Object.values(documentOps),
  ...Object.values(searchOps),
  ...Object.values(incomingPaperOps),
  ...Object.values(incomingOps),
  ...Object.values(letterCorrectionOps),
  ...Object.values(dispositionOps),
  ...Object.values(correspondenceOps),
  ...Object.values(berkasOps),
  ...Object.values(backupOps),
  ...Object.values(classificationOps),
  ...Object.values(jobOps),
  ...Object.values(recordOps),
  ...Object.values(recordActOps),
  ...Object.values(healthOps),
  ...Object.values(notificationOps),
  ...Object.values(auditOps),
  ...Object.values(authOps),
  ...Object.values(accountOps),
  ...Object.values(peopleOps),
  ...Object.values(ownCertificateOps),
];
