import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { dateTime } from '../format.ts';
import { label, t } from '../i18n.ts';
import type { CertificateStatus, SigningCertificate } from '../signing-types.ts';
import { CERT_LABELS } from './certificate-forms.tsx';
import { ErrorBox, Field } from './ui.tsx';

const BADGE: Record<CertificateStatus, string> = {
  active: 'badge-ready',
  expired: 'badge-failed',
  revoked: 'badge-failed',
  not_yet_valid: 'badge-processing',
  replaced: '',
};

export const CertificateStatusBadge = ({ status }: { status: CertificateStatus }) => (
  <span class={`badge ${BADGE[status]}`}>{label('certs.status', status)}</span>
);

/** Who issued it: the office CA, or the provider named in the certificate. */
const issuerOf = (c: SigningCertificate) =>
  c.source === 'office' ? t('certs.source.office') : `${t(c.source === 'remote' ? 'certs.source.remote' : 'certs.source.imported')}: ${c.issuer}`;

/** One certificate's facts: status, serial, until when, by whom, and why it was revoked. */
export const CertificateSummary = ({ cert }: { cert: SigningCertificate }) => (
  <dl class="cert-facts">
    <dt>{t('certs.status')}</dt>
    <dd>
      <CertificateStatusBadge status={cert.status} />
      {cert.revokedAt ? <span class="small">{t('certs.revokedOn', { at: dateTime(cert.revokedAt) })}</span> : null}
      {cert.revocationReason ? <span class="small"> · {t('certs.reasonWas', { reason: cert.revocationReason })}</span> : null}
    </dd>
    <dt>{t('certs.serial')}</dt>
    <dd>
      <code class="serial">{cert.serial}</code>
    </dd>
    <dt>{t('certs.validUntil')}</dt>
    <dd>{dateTime(cert.notAfter)}</dd>
    <dt>{t('certs.issuer')}</dt>
    <dd class="wrap">{issuerOf(cert)}</dd>
    {cert.title ? (
      <>
        <dt>{t('certs.holderTitle')}</dt>
        <dd>{cert.title}</dd>
      </>
    ) : null}
  </dl>
);

/** Every certificate the official has had, newest first (replaced and revoked ones included). */
export const CertificateHistory = ({ items, name }: { items: SigningCertificate[]; name: string }) =>
  items.length ? (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('certs.historyTitle', { name })}>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('certs.serial')}</th>
            <th scope="col">{t('certs.issuer')}</th>
            <th scope="col">{t('certs.validFrom')}</th>
            <th scope="col">{t('certs.validUntil')}</th>
            <th scope="col">{t('certs.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td>
                <code class="serial">{c.serial}</code>
              </td>
              <td class="wrap">{issuerOf(c)}</td>
              <td>{dateTime(c.notBefore)}</td>
              <td>{dateTime(c.notAfter)}</td>
              <td>
                <CertificateStatusBadge status={c.status} />
                {c.revocationReason ? <span class="small">{c.revocationReason}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  ) : (
    <p>{t('certs.historyNone')}</p>
  );

/** Revoking the official's current certificate, with a reason for the audit trail. */
export const RevokeForm = ({ userId, onDone, onCancel }: { userId: string; onDone: (c: SigningCertificate) => void; onCancel: () => void }) => {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await post<SigningCertificate>(`/users/${encodeURIComponent(userId)}/certificate/revoke`, reason.trim() ? { reason: reason.trim() } : {}));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <p>{t('certs.revokeIntro')}</p>
      <ErrorBox error={error} labels={CERT_LABELS} />
      <Field label={t('certs.reason')} hint={t('certs.reasonHint')}>
        {(p) => <input {...p} name="reason" maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
      </Field>
      <div class="form-actions">
        <button type="submit" class="btn btn-danger" disabled={busy}>
          {busy ? t('certs.busy') : t('certs.revokeSubmit')}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t('certs.cancel')}
        </button>
      </div>
    </form>
  );
};
