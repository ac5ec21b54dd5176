/** Every operation declared with zod schemas (the rest of the OpenAPI document is still hand-kept in ../openapi/). */
import type { Operation } from '../openapi/operation.ts';
import { correspondenceOps } from './correspondence.schemas.ts';
import { dispositionOps } from './dispositions.schemas.ts';
import { documentOps } from './documents.schemas.ts';
import { incomingPaperOps } from './incoming-papers.schemas.ts';
import { incomingOps } from './incoming.schemas.ts';
import { letterCorrectionOps } from './letter-corrections.schemas.ts';
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
  ...Object.values(letterheadOps),
  ...Object.values(statsOps),
  ...Object.values(publicLogOps),
  ...Object.values(outgoingOps),
  ...Object.values(signingOps),
  ...Object.values(verifyOps),
];
