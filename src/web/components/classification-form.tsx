import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { label, t } from '../i18n.ts';
import { type Classification, FINAL_DISPOSITIONS } from '../operations-types.ts';
import { ErrorBox, Field } from './ui.tsx';

export type ClassificationInput = Pick<Classification, 'name' | 'description' | 'activeYears' | 'inactiveYears' | 'finalDisposition'>;

const years = (s: string): number | null => (s.trim() === '' ? null : Number(s));

/**
 * The fields of a classification code (the code itself only when adding), submitted as the
 * API's body: empty years and "—" mean not set (null).
 */
export const ClassificationForm = ({
  initial,
  withCode,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: Classification;
  withCode: boolean;
  submitLabel: string;
  onSubmit: (body: ClassificationInput & { code?: string }) => Promise<void>;
  onCancel?: () => void;
}) => {
  const [f, setF] = useState({
    code: '',
    name: initial?.name ?? '',
    description: initial?.description ?? '',
    activeYears: initial?.activeYears?.toString() ?? '',
    inactiveYears: initial?.inactiveYears?.toString() ?? '',
    finalDisposition: initial?.finalDisposition ?? '',
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldError(name) : undefined);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        ...(withCode ? { code: f.code.trim() } : {}),
        name: f.name.trim(),
        description: f.description.trim() || null,
        activeYears: years(f.activeYears),
        inactiveYears: years(f.inactiveYears),
        finalDisposition: (f.finalDisposition || null) as Classification['finalDisposition'],
      });
      if (withCode) setF({ ...f, code: '', name: '', description: '' });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) => setF({ ...f, [k]: e.currentTarget.value });
  return (
    <form onSubmit={submit} aria-busy={busy}>
      <ErrorBox error={error} />
      {withCode ? (
        <Field label={t('classes.code')} hint={t('classes.codeHint')} error={fieldError('code')} required>
          {(p) => <input {...p} name="code" value={f.code} maxLength={32} inputMode="decimal" onInput={set('code')} />}
        </Field>
      ) : null}
      <Field label={t('classes.name')} error={fieldError('name')} required>
        {(p) => <input {...p} name="name" value={f.name} maxLength={200} onInput={set('name')} />}
      </Field>
      <Field label={t('classes.description')} error={fieldError('description')}>
        {(p) => <textarea {...p} name="description" rows={2} maxLength={2000} value={f.description} onInput={set('description')} />}
      </Field>
      <fieldset class="inline-fields">
        <legend>{t('classes.retention')}</legend>
        <Field label={t('classes.activeYears')} error={fieldError('activeYears')}>
          {(p) => <input {...p} name="activeYears" type="number" min={0} max={100} step={1} value={f.activeYears} onInput={set('activeYears')} />}
        </Field>
        <Field label={t('classes.inactiveYears')} error={fieldError('inactiveYears')}>
          {(p) => <input {...p} name="inactiveYears" type="number" min={0} max={100} step={1} value={f.inactiveYears} onInput={set('inactiveYears')} />}
        </Field>
        <Field label={t('classes.final')} error={fieldError('finalDisposition')}>
          {(p) => (
            <select {...p} name="finalDisposition" value={f.finalDisposition} onChange={set('finalDisposition')}>
              <option value="">{t('form.choose')}</option>
              {FINAL_DISPOSITIONS.map((d) => (
                <option key={d} value={d}>
                  {label('classes.final', d)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" class="btn" onClick={onCancel}>
            {t('classes.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
};
