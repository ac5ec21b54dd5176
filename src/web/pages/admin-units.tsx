import { useState } from 'preact/hooks';
import { unitCodeRule } from '../field-rules.ts';
import { ApiError, patch, post } from '../api.ts';
import { ErrorBox, Field, Notice, PageTitle } from '../components/ui.tsx';
import { unitTree, UnitSelect, type UnitNode } from '../components/unit-select.tsx';
import { useTitle, useSuccess } from '../hooks.ts';
import { t } from '../i18n.ts';
import { officeName, useSession } from '../session.tsx';
import type { Unit } from '../types.ts';

const UnitItem = ({ node, onRenamed }: { node: UnitNode; onRenamed: (code: string) => Promise<void> }) => {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(node.name);
  const [error, setError] = useState<unknown>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await patch<Unit>(`/units/${encodeURIComponent(node.code)}`, { name });
      setEditing(false);
      setError(null);
      await onRenamed(node.code);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <li>
      {editing ? (
        <form class="inline-form" onSubmit={save}>
          <label for={`rename-${node.code}`} class="sr-only">
            {t('units.name')} {node.code}
          </label>
          <input id={`rename-${node.code}`} value={name} onInput={(e) => setName(e.currentTarget.value)} required />
          <button type="submit" class="btn btn-primary">
            {t('units.save')}
          </button>
          <button type="button" class="btn" onClick={() => setEditing(false)}>
            {t('units.cancel')}
          </button>
          <ErrorBox error={error} />
        </form>
      ) : (
        <span class="unit-line">
          <strong>{node.name}</strong> <code>{node.code}</code>{' '}
          <button type="button" class="btn-link" aria-label={`${t('units.rename')}: ${node.name}`} onClick={() => setEditing(true)}>
            {t('units.rename')}
          </button>
        </span>
      )}
      {node.children.length ? (
        <ul>
          {node.children.map((c) => (
            <UnitItem key={c.code} node={c} onRenamed={onRenamed} />
          ))}
        </ul>
      ) : null}
    </li>
  );
};

/** The unit tree, a form to add a unit under any other, and renaming in place. */
export const AdminUnitsPage = () => {
  const { units, reloadUnits } = useSession();
  useTitle(t('units.title'), officeName(units));
  const root = units.find((u) => u.parentCode === null)?.code ?? '';
  const [form, setForm] = useState({ code: '', name: '', parentCode: root });
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useSuccess<string>();

  const [codeRule, setCodeRule] = useState<string | null>(null);

  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    const rule = unitCodeRule(form.code, t);
    setCodeRule(rule);
    if (rule) return;
    try {
      const unit = await post<Unit>('/units', { code: form.code.trim(), name: form.name.trim(), ...(form.parentCode ? { parentCode: form.parentCode } : {}) });
      await reloadUnits();
      setDone(t('units.created', { code: unit.code }));
      setForm({ code: '', name: '', parentCode: form.parentCode });
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    }
  };

  return (
    <>
      <PageTitle>{t('units.title')}</PageTitle>
      <div class="two-col">
        <section class="card" aria-labelledby="tree-title">
          <h2 id="tree-title">{t('units.tree')}</h2>
          <ul class="tree">
            {unitTree(units).map((n) => (
              <UnitItem
                key={n.code}
                node={n}
                onRenamed={async (code) => {
                  await reloadUnits();
                  setDone(t('units.saved', { code }));
                }}
              />
            ))}
          </ul>
        </section>
        <section class="card" aria-labelledby="new-unit-title">
          <h2 id="new-unit-title">{t('units.new')}</h2>
          {done ? <Notice tone="ok">{done}</Notice> : null}
          {error && !error.errors.length ? <ErrorBox error={error} /> : null}
          <form onSubmit={create}>
            <Field label={t('units.code')} hint={t('units.codeHint')} error={codeRule ?? error?.fieldError('code')} required>
              {(p) => (
                <input
                  {...p}
                  name="code"
                  value={form.code}
                  maxLength={32}
                  autoCapitalize="characters"
                  onInput={(e) => {
                    setForm({ ...form, code: e.currentTarget.value });
                    setCodeRule(null);
                  }}
                />
              )}
            </Field>
            <Field label={t('units.name')} error={error?.fieldError('name')} required>
              {(p) => <input {...p} name="name" value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />}
            </Field>
            <Field label={t('units.parent')} error={error?.fieldError('parentCode')}>
              {(p) => <UnitSelect {...p} value={form.parentCode} onChange={(v) => setForm({ ...form, parentCode: v })} />}
            </Field>
            <button type="submit" class="btn btn-primary">
              {t('units.create')}
            </button>
          </form>
        </section>
      </div>
    </>
  );
};
