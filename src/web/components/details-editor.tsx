import { useState } from 'preact/hooks';
import { patch } from '../api.ts';
import { label, type MessageKey, t } from '../i18n.ts';
import { clearedFor } from '../../domain/security-level.ts';
import { useSession } from '../session.tsx';
import { SECURITY_LEVELS, URGENCIES } from '../types.ts';
import { CLASSIFICATION_LIST, ClassificationOptions } from './classification-options.tsx';
import { ErrorBox, Field, Notice } from './ui.tsx';
import { UnitSelect } from './unit-select.tsx';

export interface EditableField {
  name: string;
  label: MessageKey;
  /** `level`: the levels up to the user's own clearance; `unit`: the units the user files for (what the server accepts). */
  kind: 'text' | 'date' | 'datetime' | 'urgency' | 'code' | 'level' | 'unit';
  max?: number;
  required?: boolean;
}

/** An instant as a datetime-local input shows it, in the browser's (the office's) time. */
export const localInput = (iso: string): string => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};

/** The value to send for a field: trimmed text, instants as ISO, an emptied code as null (unclassified). */
const outgoing = (f: EditableField, v: string): unknown => {
  const s = v.trim();
  if (f.kind === 'datetime') return new Date(s).toISOString();
  if (f.kind === 'code' && s === '') return null;
  return s;
};

/**
 * Correcting a record's details (issue 18): the current values in a form folded under "Koreksi
 * data", sent as a PATCH of only what changed, with a reason, on the version read (If-Match): a
 * change made meanwhile by someone else is refused (412) and said so, never overwritten.
 */
export const DetailsEditor = <T,>({
  path,
  version,
  fields,
  values,
  onSaved,
}: {
  path: string;
  version: number;
  fields: EditableField[];
  values: Record<string, string>;
  onSaved: (saved: T) => void;
}) => {
  const { user } = useSession();
  const [v, setV] = useState(values);
  const [reason, setReason] = useState('');
  const [state, setState] = useState<{ busy: boolean; error: unknown; note: string | null }>({ busy: false, error: null, note: null });
  const labels = Object.fromEntries(fields.map((f) => [f.name, f.label]));

  const save = async (e: Event) => {
    e.preventDefault();
    const changed = fields.filter((f) => v[f.name]!.trim() !== values[f.name]!.trim());
    if (changed.length === 0) return setState({ busy: false, error: null, note: t('fix.nothing') });
    const body: Record<string, unknown> = Object.fromEntries(changed.map((f) => [f.name, outgoing(f, v[f.name]!)]));
    if (reason.trim()) body.reason = reason.trim();
    setState({ busy: true, error: null, note: null });
    try {
      const saved = await patch<T & { version: number }>(path, body, { ifMatch: `"${version}"` });
      setState({ busy: false, error: null, note: t('fix.saved', { n: saved.version }) });
      setReason('');
      onSaved(saved);
    } catch (err) {
      setState({ busy: false, error: err, note: null });
    }
  };

  return (
    <details class="card fix-editor">
      <summary>{t('fix.edit')}</summary>
      <p class="small">{t('fix.editIntro')}</p>
      <form onSubmit={save}>
        <div class="grid-fields">
          {fields.map((f) => (
            <Field key={f.name} label={t(f.label)} required={f.required ?? false}>
              {(p) =>
                f.kind === 'urgency' ? (
                  <select {...p} name={f.name} value={v[f.name]} onChange={(e) => setV({ ...v, [f.name]: e.currentTarget.value })}>
                    {URGENCIES.map((u) => (
                      <option key={u} value={u}>
                        {label('urgency', u)}
                      </option>
                    ))}
                  </select>
                ) : f.kind === 'level' ? (
                  <select {...p} name={f.name} value={v[f.name]} onChange={(e) => setV({ ...v, [f.name]: e.currentTarget.value })}>
                    {SECURITY_LEVELS.filter((l) => clearedFor(user.clearance, l)).map((l) => (
                      <option key={l} value={l}>
                        {label('level', l)}
                      </option>
                    ))}
                  </select>
                ) : f.kind === 'unit' ? (
                  <UnitSelect {...p} name={f.name} filing value={v[f.name]!} onChange={(code) => setV({ ...v, [f.name]: code })} />
                ) : (
                  <input
                    {...p}
                    name={f.name}
                    type={f.kind === 'date' ? 'date' : f.kind === 'datetime' ? 'datetime-local' : 'text'}
                    maxLength={f.max ?? 500}
                    value={v[f.name]}
                    {...(f.kind === 'code' ? { list: CLASSIFICATION_LIST } : {})}
                    onInput={(e) => setV({ ...v, [f.name]: e.currentTarget.value })}
                  />
                )
              }
            </Field>
          ))}
          {fields.some((f) => f.kind === 'code') ? <ClassificationOptions /> : null}
        </div>
        <Field label={t('fix.reason')}>
          {(p) => <input {...p} name="reason" type="text" maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
        </Field>
        <ErrorBox error={state.error} labels={labels} headlines={{ 412: 'fix.stale' }} />
        {state.note ? <Notice tone="ok">{state.note}</Notice> : null}
        <button type="submit" class="btn btn-primary" disabled={state.busy}>
          {t('fix.save')}
        </button>
      </form>
    </details>
  );
};
