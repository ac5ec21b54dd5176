import { officeIdentity } from '../../app/accounts/office-identity.ts';
import { Router } from 'express';
import multer from 'multer';
import type { AppDeps } from '../../app/deps.ts';
import { printedTime } from '../../app/signing/signed-letter-pdf.ts';
import { CRL_PATH, officeCrl } from '../../app/signing/office-crl.ts';
import { verifyByCode } from '../../app/signing/verify-code.ts';
import { verifyFile } from '../../app/signing/verify-file.ts';
import { AppError } from '../../domain/errors.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { reply } from '../openapi/operation.ts';
import { logQuery, verifyOps as ops } from '../schemas/verify.schemas.ts';
import { parse } from '../validate.ts';
import { unknownCodePage, VERIFY_PAGE_CSP, verifiedPage } from '../verify-page.ts';

/** A signed letter is tens of kilobytes; a public endpoint reads no more than this into memory. */
export const VERIFY_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Public verification, no login (mounted before the authenticated API): the QR code's page
 * (`GET /verify/:code`, HTML for people, JSON for `Accept: application/json`) and a PDF check
 * (`POST /api/v1/verify`, multipart `file`). Each address has a request budget (429 past it);
 * only checks of letters the office issued are audited, at most hourly per letter and address
 * (both counted in the database, so they hold across web processes).
 */
export const verifyRoutes = (deps: AppDeps): Router => {
  const r = Router();
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: VERIFY_MAX_BYTES, files: 1, fields: 5, parts: 6, fieldNameSize: 100, fieldSize: 1024, headerPairs: 100 },
  }).single('file');

  r.get(ops.byCode.path, rateLimit(deps, { windowMs: 60_000, max: 60, what: 'verifications' }), async (req, res) => {
    const json = req.accepts(['html', 'json']) === 'json';
    res.setHeader('Vary', 'Accept');
    // A certificate may be revoked tomorrow: never serve yesterday's verdict from a cache.
    res.setHeader('Cache-Control', 'no-store');
    const log = parse(logQuery, req.query);
    let result: Awaited<ReturnType<typeof verifyByCode>>;
    try {
      result = await verifyByCode(deps, String(req.params.code), { ip: req.ip }, log);
    } catch (e) {
      if (json || !(e instanceof AppError && e.code === 'not_found')) throw e;
      res.status(404).setHeader('Content-Security-Policy', VERIFY_PAGE_CSP).type('html').send(unknownCodePage());
      return;
    }
    if (json) {
      res.json(reply(ops.byCode, 200, result));
      return;
    }
    const { name: office, timeZone: tz } = await officeIdentity(deps);
    res
      .setHeader('Content-Security-Policy', VERIFY_PAGE_CSP)
      .type('html')
      .send(
        verifiedPage({
          valid: result.valid,
          office,
          letterNumber: result.letterNumber,
          subject: result.subject,
          signer: result.signer,
          signedAtText: printedTime(new Date(result.signedAt), tz),
          sha256: result.sha256,
          timestamped: result.timestamped,
          log: result.log,
          ...(result.reason ? { reason: result.reason } : {}),
          ...(result.certificateRevokedAt ? { certificateRevokedAtText: printedTime(new Date(result.certificateRevokedAt), tz) } : {}),
        }),
      );
  });

  r.post(
    ops.file.path,
    rateLimit(deps, { windowMs: 60_000, max: 20, what: 'file checks' }),
    (req, res, next) => {
      if (!req.is('multipart/form-data')) return next(new AppError('unsupported_type', 'send the PDF as multipart/form-data, in a part named "file"'));
      upload(req, res, next);
    },
    async (req, res) => {
      if (!req.file)
        throw new AppError('bad_request', 'no file part', { errors: [{ field: 'file', message: 'send the PDF as the "file" part', code: 'file_missing' }] });
      const bytes = new Uint8Array(req.file.buffer.buffer, req.file.buffer.byteOffset, req.file.buffer.byteLength);
      res.setHeader('Cache-Control', 'no-store');
      res.json(reply(ops.file, 200, await verifyFile(deps, bytes, { ip: req.ip }, parse(logQuery, req.query))));
    },
  );

  // The office CA's revocation list, where its certificates say to fetch it (no login: any reader may).
  r.get(CRL_PATH, rateLimit(deps, { windowMs: 60_000, max: 60, what: 'revocation list downloads' }), async (_req, res) => {
    const crl = await officeCrl(deps);
    res
      .status(200)
      .type('application/pkix-crl')
      .setHeader('Cache-Control', `public, max-age=${Math.max(0, Math.min(3600, Math.floor((crl.nextUpdate.getTime() - Date.now()) / 1000)))}`)
      .setHeader('Last-Modified', crl.thisUpdate.toUTCString())
      .setHeader('Content-Disposition', 'attachment; filename="naskah-office-ca.crl"')
      .send(Buffer.from(crl.der));
  });

  return r;
};
