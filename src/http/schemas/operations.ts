/** Every operation of the API, declared with zod schemas: the OpenAPI document is generated from these (../openapi/openapi.ts). */
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
import { letterheadOps } from './letterhead.schemas.ts';
import { outgoingOps } from './outgoing.schemas.ts';
import { publicLogOps } from './public-log.schemas.ts';
import { searchOps } from './search.schemas.ts';
import { signingOps } from './signing.schemas.ts';
import { statsOps } from './stats.schemas.ts';
import { verifyOps } from './verify.schemas.ts';

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
  ...Object.values(letterheadOps),
  ...Object.values(statsOps),
  ...Object.values(publicLogOps),
  ...Object.values(outgoingOps),
  ...Object.values(signingOps),
  ...Object.values(verifyOps),
];
