import { useState } from 'preact/hooks';
import { get } from '../api.ts';
import { ErrorBox, Field, Loading, Notice, Pager, PageTitle } from '../components/ui.tsx';
import { UnitSelect } from '../components/unit-select.tsx';
import { EditUser, NewUser, secondFactor } from '../components/user-forms.tsx';
import { useLoad, useTitle, useSuccess } from '../hooks.ts';
import { label, t } from '../i18n.ts';
import { navigate, useLocation, withParams } from '../router.tsx';
import { officeName, unitName, useSession } from '../session.tsx';
import { ROLES, type Page, type User } from '../types.ts';

const LIMIT = 25;

/** Users: find, add, change roles, clearance and unit, disable, reset the second factor. */
export const AdminUsersPage = () => {
  const { units } = useSession();
  useTitle(t('users.title'), officeName(units));
  const loc = useLocation();
  const query = {
    q: loc.query.get('q') ?? '',
    unitCode: loc.query.get('unitCode') ?? '',
    role: loc.query.get('role') ?? '',
    page: Math.max(1, Number(loc.query.get('page')) || 1),
  };
  const list = useLoad((signal) => get<Page<User>>('/users', { query: { ...query, limit: LIMIT }, signal }), [loc.href]);
  const [filter, setFilter] = useState({ q: query.q, unitCode: query.unitCode, role: query.role });
  const [editing, setEditing] = useState<User | null>(null);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useSuccess<string>();

  return (
    <>
      <PageTitle>{t('users.title')}</PageTitle>
      {message ? <Notice tone="ok">{message}</Notice> : null}
      <p>
        <button type="button" class="btn" aria-expanded={adding} aria-controls="new-user" onClick={() => setAdding(!adding)}>
          {t('users.new')}
        </button>
      </p>
      {adding ? (
        <section id="new-user" class="card" aria-labelledby="new-user-title">
          <h2 id="new-user-title">{t('users.new')}</h2>
          <NewUser
            onCreated={(u) => {
              setMessage(t('users.created', { username: u.username }));
              setAdding(false);
              list.reload();
            }}
          />
        </section>
      ) : null}
      {editing ? (
        <EditUser
          key={editing.id}
          target={editing}
          onClose={() => setEditing(null)}
          onSaved={(u, m) => {
            setEditing(u);
            setMessage(m);
            list.reload();
          }}
        />
      ) : null}

      <form
        class="filters"
        role="search"
        aria-label={t('users.filter')}
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/admin/users${withParams(loc.query, { ...filter, page: undefined })}`);
        }}
      >
        <Field label={t('users.filter')}>
          {(p) => <input {...p} type="search" value={filter.q} onInput={(e) => setFilter({ ...filter, q: e.currentTarget.value })} />}
        </Field>
        <Field label={t('users.unit')}>
          {(p) => <UnitSelect {...p} value={filter.unitCode} emptyLabel={t('users.allUnits')} onChange={(unitCode) => setFilter({ ...filter, unitCode })} />}
        </Field>
        <Field label={t('users.roles')}>
          {(p) => (
            <select {...p} value={filter.role} onChange={(e) => setFilter({ ...filter, role: e.currentTarget.value })}>
              <option value="">{t('users.allRoles')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {label('role', r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="form-actions">
          <button type="submit" class="btn">
            {t('nav.search')}
          </button>
        </div>
      </form>

      {list.loading && !list.data ? <Loading /> : null}
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.data ? (
        list.data.items.length ? (
          <>
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('users.title')}>
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('users.name')}</th>
                    <th scope="col">{t('users.roles')}</th>
                    <th scope="col">{t('users.unit')}</th>
                    <th scope="col">{t('users.clearance')}</th>
                    <th scope="col">{t('users.secondFactor')}</th>
                    <th scope="col">{t('users.status')}</th>
                    <th scope="col">
                      <span class="sr-only">{t('users.edit')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((u) => (
                    <tr key={u.id}>
                      <td>
                        {u.name}
                        <br />
                        <span class="muted small">{u.username}</span>
                      </td>
                      <td>{u.roles.map((r) => label('role', r)).join(', ')}</td>
                      <td>{unitName(units, u.unitCode)}</td>
                      <td>{label('level', u.clearance)}</td>
                      <td>{secondFactor(u)}</td>
                      <td>{u.disabled ? <span class="badge badge-failed">{t('users.inactive')}</span> : t('users.active')}</td>
                      <td>
                        <button type="button" class="btn btn-small" aria-label={`${t('users.edit')}: ${u.username}`} onClick={() => setEditing(u)}>
                          {t('users.edit')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              page={query.page}
              total={list.data.total}
              limit={LIMIT}
              onPage={(p) => navigate(`/admin/users${withParams(loc.query, { page: p > 1 ? p : undefined })}`)}
            />
          </>
        ) : (
          <p>{t('users.none')}</p>
        )
      ) : null}
    </>
  );
};
