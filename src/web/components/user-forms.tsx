import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, patch, post } from '../api.ts';
import { label, t } from '../i18n.ts';
import { passwordRule } from '../field-rules.ts';
import type { FieldLabels } from '../problem-text.ts';
import { useSession } from '../session.tsx';
import { ROLES, SECURITY_LEVELS, type Role, type SecurityLevel, type User } from '../types.ts';
import { newProfileBody, type Profile, ProfileFields, profileChanges } from './profile-fields.tsx';
import { ErrorBox, Field } from './ui.tsx';
import { UnitSelect } from './unit-select.tsx';
import { FilingScopeField } from './filing-scope-field.tsx';
import { type FilingScope, OWN_UNIT } from '../../domain/filing-scope.ts';

interface UserForm {
  username: string;
  name: string;
  password: string;
  email: string;
  roles: Role[];
  unitCode: string;
  clearance: SecurityLevel;
  filingScope: FilingScope;
  disabled: boolean;
}

const RolesField = ({ value, onChange, error }: { value: Role[]; onChange: (r: Role[]) => void; error?: string | undefined }) => (
  <fieldset class="checks">
    <legend>
      {t('users.roles')}
      <span class="req" aria-hidden="true">
        {' '}
        *
      </span>
    </legend>
    {ROLES.map((r) => (
      <label key={r} class="check">
        <input
          type="checkbox"
          name="roles"
          value={r}
          checked={value.includes(r)}
          onChange={(e) => onChange(e.currentTarget.checked ? [...value, r] : value.filter((x) => x !== r))}
        />{' '}
        {label('role', r)}
      </label>
    ))}
    {error ? <p class="error-text">{error}</p> : null}
  </fieldset>
);

const ClearanceSelect = (p: { id: string; value: SecurityLevel; onChange: (v: SecurityLevel) => void }) => (
  <select id={p.id} value={p.value} onChange={(e) => p.onChange(e.currentTarget.value as SecurityLevel)}>
    {SECURITY_LEVELS.map((l) => (
      <option key={l} value={l}>
        {label('level', l)}
      </option>
    ))}
  </select>
);

// The generic labels (field-labels.ts) name `name` and `password` as a unit's; these forms mean the person's.
const NEW_USER_LABELS: FieldLabels = { name: 'users.name', password: 'users.password' };
const EDIT_USER_LABELS: FieldLabels = { name: 'users.name', password: 'users.newPassword' };

export const secondFactor = (u: User) => (u.totpEnabled ? t('users.totpOn') : u.totpRequired ? t('users.totpPending') : t('users.totpOff'));

/** Adding a user: roles, unit and clearance decide what they see and whether they need a second factor. */
export const NewUser = ({ onCreated }: { onCreated: (u: User) => void }) => {
  const { user } = useSession();
  const empty: UserForm = {
    username: '',
    name: '',
    password: '',
    email: '',
    roles: ['staff'],
    unitCode: user.unitCode,
    clearance: 'biasa',
    filingScope: OWN_UNIT,
    disabled: false,
  };
  const [form, setForm] = useState<UserForm>(empty);
  const [profile, setProfile] = useState<Profile>({ nip: '', jabatan: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [pwRule, setPwRule] = useState<string | null>(null);
  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const rule = passwordRule(form.password, t);
    setPwRule(rule);
    if (rule) return;
    try {
      const { disabled: _d, email, filingScope, ...rest } = form;
      const scope = form.roles.includes('clerk') ? { filingScope } : {};
      // An admin's password is always temporary: the person chooses their own at the first login.
      const body = { ...rest, ...scope, ...(email.trim() ? { email: email.trim() } : {}), ...newProfileBody(profile), mustChangePassword: true };
      const created = await post<User>('/users', body);
      setForm(empty);
      setProfile({ nip: '', jabatan: '' });
      onCreated(created);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    }
  };
  const fe = (f: string) => error?.fieldError(f);
  return (
    <form onSubmit={create} class="grid-form">
      {error ? <ErrorBox error={error} labels={NEW_USER_LABELS} /> : null}
      <Field label={t('users.username')} error={fe('username')} required>
        {(p) => (
          <input
            {...p}
            name="username"
            autoComplete="off"
            autoCapitalize="none"
            value={form.username}
            onInput={(e) => setForm({ ...form, username: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field label={t('users.name')} error={fe('name')} required>
        {(p) => <input {...p} name="name" value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />}
      </Field>
      <ProfileFields value={profile} onChange={setProfile} error={fe} />
      <Field label={t('users.password')} hint={t('users.temporaryHint')} error={pwRule ?? fe('password')} required>
        {(p) => (
          <input
            {...p}
            name="password"
            type="password"
            autoComplete="new-password"
            value={form.password}
            onInput={(e) => {
              setForm({ ...form, password: e.currentTarget.value });
              setPwRule(null);
            }}
          />
        )}
      </Field>
      <Field label={t('users.email')} error={fe('email')}>
        {(p) => <input {...p} name="email" type="email" value={form.email} onInput={(e) => setForm({ ...form, email: e.currentTarget.value })} />}
      </Field>
      <RolesField value={form.roles} onChange={(roles) => setForm({ ...form, roles })} error={fe('roles') ?? fe('role')} />
      <Field label={t('users.unit')} error={fe('unitCode')} required>
        {(p) => <UnitSelect {...p} value={form.unitCode} onChange={(unitCode) => setForm({ ...form, unitCode })} />}
      </Field>
      <Field label={t('users.clearance')} error={fe('clearance')}>
        {(p) => <ClearanceSelect id={p.id} value={form.clearance} onChange={(clearance) => setForm({ ...form, clearance })} />}
      </Field>
      {form.roles.includes('clerk') ? (
        <FilingScopeField value={form.filingScope} onChange={(filingScope) => setForm({ ...form, filingScope })} error={fe('filingScope')} />
      ) : null}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">
          {t('users.create')}
        </button>
      </div>
    </form>
  );
};

/** Editing one user; only changed fields are sent (an admin cannot change their own access). */
export const EditUser = ({ target, onSaved, onClose }: { target: User; onSaved: (u: User, message: string) => void; onClose: () => void }) => {
  const [form, setForm] = useState<UserForm>({
    username: target.username,
    name: target.name,
    password: '',
    email: target.email ?? '',
    roles: target.roles,
    unitCode: target.unitCode,
    clearance: target.clearance,
    filingScope: target.filingScope,
    disabled: target.disabled,
  });
  const [profile, setProfile] = useState<Profile>({ nip: target.nip ?? '', jabatan: target.jabatan ?? '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [pwRule, setPwRule] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [target.id]);

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const rule = form.password ? passwordRule(form.password, t) : null;
    setPwRule(rule);
    if (rule) return;
    const changes: Record<string, unknown> = { ...profileChanges(profile, target) };
    if (form.name !== target.name) changes.name = form.name;
    if ((form.email || null) !== target.email) changes.email = form.email.trim() || null;
    if (form.roles.join() !== target.roles.join() || form.roles.length !== target.roles.length) changes.roles = form.roles;
    if (form.unitCode !== target.unitCode) changes.unitCode = form.unitCode;
    if (form.clearance !== target.clearance) changes.clearance = form.clearance;
    if (form.disabled !== target.disabled) changes.disabled = form.disabled;
    if (JSON.stringify(form.filingScope) !== JSON.stringify(target.filingScope)) changes.filingScope = form.filingScope;
    // The admin's reset: a temporary password, changed by the person at their next login.
    if (form.password) Object.assign(changes, { password: form.password, mustChangePassword: true });
    try {
      const saved = Object.keys(changes).length ? await patch<User>(`/users/${target.id}`, changes) : target;
      onSaved(saved, t('users.saved'));
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    }
  };

  const reset = async () => {
    if (!window.confirm(t('users.resetConfirm', { username: target.username }))) return;
    try {
      await post(`/users/${target.id}/totp/reset`);
      onSaved(await get<User>(`/users/${target.id}`), t('users.resetDone', { username: target.username }));
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    }
  };

  const fe = (f: string) => error?.fieldError(f);
  return (
    <section class="card edit-panel" aria-labelledby="edit-title">
      <h2 id="edit-title" tabIndex={-1} ref={heading}>
        {t('users.editTitle', { username: target.username })}
      </h2>
      {error ? <ErrorBox error={error} labels={EDIT_USER_LABELS} /> : null}
      <form onSubmit={save} class="grid-form">
        <Field label={t('users.name')} error={fe('name')} required>
          {(p) => <input {...p} value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />}
        </Field>
        <Field label={t('users.email')} error={fe('email')}>
          {(p) => <input {...p} type="email" value={form.email} onInput={(e) => setForm({ ...form, email: e.currentTarget.value })} />}
        </Field>
        <ProfileFields value={profile} onChange={setProfile} error={fe} />
        <RolesField value={form.roles} onChange={(roles) => setForm({ ...form, roles })} error={fe('roles')} />
        <Field label={t('users.unit')} error={fe('unitCode')}>
          {(p) => <UnitSelect {...p} value={form.unitCode} onChange={(unitCode) => setForm({ ...form, unitCode })} />}
        </Field>
        <Field label={t('users.clearance')} error={fe('clearance')}>
          {(p) => <ClearanceSelect id={p.id} value={form.clearance} onChange={(clearance) => setForm({ ...form, clearance })} />}
        </Field>
        {form.roles.includes('clerk') ? (
          <FilingScopeField value={form.filingScope} onChange={(filingScope) => setForm({ ...form, filingScope })} error={fe('filingScope')} />
        ) : null}
        <Field label={t('users.newPassword')} hint={t('users.temporaryHint')} error={pwRule ?? fe('password')}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={form.password}
              onInput={(e) => {
                setForm({ ...form, password: e.currentTarget.value });
                setPwRule(null);
              }}
            />
          )}
        </Field>
        <label class="check">
          <input type="checkbox" checked={form.disabled} onChange={(e) => setForm({ ...form, disabled: e.currentTarget.checked })} /> {t('users.disabled')}
        </label>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary">
            {t('users.save')}
          </button>
          <button type="button" class="btn" onClick={onClose}>
            {t('users.cancel')}
          </button>
          {target.totpEnabled ? (
            <button type="button" class="btn btn-danger" onClick={() => void reset()}>
              {t('users.reset')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
};
