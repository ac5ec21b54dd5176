import express, { type Express } from 'express';
import type { AppDeps } from '../app/deps.ts';
import { officeIdentity } from '../app/accounts/office-identity.ts';
import { AppError } from '../domain/errors.ts';
import { requireAuth } from './middleware/authenticate.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { openApiDocument } from './openapi/openapi.ts';
import { checkResponses } from './openapi/response-check.ts';
import { declaredOperations } from './schemas/operations.ts';
import { errorHandler } from './problem.ts';
import { requestContext, type Logger } from './request-context.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { backupsRoutes } from './routes/backups.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { dispositionsRoutes } from './routes/dispositions.routes.ts';
import { documentsRoutes } from './routes/documents.routes.ts';
import { documentPreviewRoutes } from './routes/document-previews.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { incomingPapersRoutes } from './routes/incoming-papers.routes.ts';
import { incomingRoutes } from './routes/incoming.routes.ts';
import { letterCorrectionsRoutes } from './routes/letter-corrections.routes.ts';
import { notificationsRoutes } from './routes/notifications.routes.ts';
import { outgoingRoutes } from './routes/outgoing.routes.ts';
import { letterTypesRoutes } from './routes/letter-types.routes.ts';
import { contactsRoutes } from './routes/contacts.routes.ts';
import { letterheadRoutes } from './routes/letterhead.routes.ts';
import { berkasRoutes } from './routes/berkas.routes.ts';
import { peopleRoutes } from './routes/people.routes.ts';
import { searchRoutes } from './routes/search.routes.ts';
import { classificationsRoutes, schemeImportRoutes } from './routes/classifications.routes.ts';
import { recordsRoutes } from './routes/records.routes.ts';
import { jobsRoutes } from './routes/jobs.routes.ts';
import { signingRoutes } from './routes/signing.routes.ts';
import { statsRoutes } from './routes/stats.routes.ts';
import { verifyRoutes } from './routes/verify.routes.ts';
import { publicLogRoutes } from './routes/public-log.routes.ts';
import { webRoutes } from './routes/web.routes.ts';

/** The HTTP application: routes authenticate, validate, call one use case and present the result. */
/** `checkResponses` (tests only): every JSON answer of a declared operation is checked against its schema (openapi/response-check.ts). */
export const createHttpApp = (deps: AppDeps, log: Logger, o: { publicUrl: string; trustProxy: string; checkResponses?: boolean }): Express => {
  const app = express();
  app.disable('x-powered-by');
  // A number is a hop count; anything else is express's list of trusted proxy addresses.
  app.set('trust proxy', /^\d+$/.test(o.trustProxy) ? Number(o.trustProxy) : o.trustProxy.split(',').map((s) => s.trim()));
  app.set('query parser', 'simple');
  app.use(requestContext(log));
  app.use(securityHeaders);
  if (o.checkResponses) app.use(checkResponses(declaredOperations));
  app.use(healthRoutes(deps));
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument(o.publicUrl));
  });
  // Public verification (no login): the QR code's page and the PDF check, with their own parsing.
  app.use(verifyRoutes(deps));
  app.use(publicLogRoutes(deps));
  app.use('/api/v1/classifications/import', requireAuth(deps), schemeImportRoutes(deps));
  app.use('/api/v1', express.json({ limit: '256kb', strict: true }), authRoutes(deps));
  app.use(
    '/api/v1',
    requireAuth(deps),
    adminRoutes(deps),
    documentsRoutes(deps),
    documentPreviewRoutes(deps),
    searchRoutes(deps),
    auditRoutes(deps),
    letterCorrectionsRoutes(deps),
    incomingPapersRoutes(deps),
    incomingRoutes(deps),
    dispositionsRoutes(deps),
    notificationsRoutes(deps),
    statsRoutes(deps),
    peopleRoutes(deps),
    outgoingRoutes(deps),
    letterTypesRoutes(deps),
    contactsRoutes(deps),
    letterheadRoutes(deps),
    berkasRoutes(deps),
    signingRoutes(deps),
    classificationsRoutes(deps),
    jobsRoutes(deps),
    recordsRoutes(deps),
    backupsRoutes(deps),
  );
  app.use(webRoutes({ office: () => officeIdentity(deps) }));
  app.use((_req, _res, next) => next(new AppError('not_found', 'no such route')));
  app.use(errorHandler(log));
  return app;
};
