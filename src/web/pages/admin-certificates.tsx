import { useState } from 'preact/hooks';
import { get } from '../api.ts';
import { OfficeCaCard } from '../components/office-ca.tsx';
import { OfficialCertificate } from '../components/official-certificate.tsx';
import { TrustAnchors } from '../components/trust-anchors.tsx';
import { ErrorBox, Loading, Pager, PageTitle } from '../components/ui.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { navigate, useLocation, withParams } from '../router.tsx';
import { officeName, useSession } from '../session.tsx';
import type { Page, User } from '../types.ts';

const LIMIT = 20;

/**
 * Signing certificates (admin): the office CA, each official's certificate with issuing,
 * importing, revoking and its history, and the roots the office trusts. The API checks again
 * that the caller is an admin.
 */
export const AdminCertificatesPage = () => {
  const { units } = useSession();
  useTitle(t('certs.heading'), officeName(units));
  const loc = useLocation();
  const page = Math.max(1, Number(loc.query.get('page')) || 1);
  const officials = useLoad((signal) => get<Page<User>>('/users', { query: { role: 'official', page, limit: LIMIT }, signal }), [page]);
  // Issuing the first certificate makes the office CA (and so a trusted root): both cards then reload.
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);

  return (
    <>
      <PageTitle>{t('certs.heading')}</PageTitle>
      <p>{t('certs.intro')}</p>
      <OfficeCaCard version={version} onCreated={changed} />

      <section aria-labelledby="officials-title">
        <h2 id="officials-title">{t('certs.officials')}</h2>
        {officials.loading && !officials.data ? <Loading /> : null}
        <ErrorBox error={officials.error} onRetry={officials.reload} />
        {officials.data ? (
          officials.data.items.length ? (
            <>
              <ul class="cert-list">
                {officials.data.items.map((u) => (
                  <OfficialCertificate key={u.id} official={u} onChanged={changed} />
                ))}
              </ul>
              <Pager
                page={page}
                total={officials.data.total}
                limit={LIMIT}
                onPage={(p) => navigate(`/admin/certificates${withParams(loc.query, { page: p > 1 ? p : undefined })}`)}
              />
            </>
          ) : (
            <p>{t('certs.officialsNone')}</p>
          )
        ) : null}
      </section>

      <TrustAnchors version={version} />
    </>
  );
};
