import { flatTree, unitTree } from './unit-select.tsx';
import { t } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { FILING_SCOPE_KINDS, type FilingScope, type FilingScopeKind } from '../../domain/filing-scope.ts';

const KIND_LABEL = { own: 'scope.own', office: 'scope.office', units: 'scope.units' } as const;

/** A scope changed to another kind keeps the named units it had, so switching back loses nothing. */
const withKind = (scope: FilingScope, kind: FilingScopeKind, remembered: string[]): FilingScope =>
  kind === 'units' ? { kind, unitCodes: scope.kind === 'units' ? scope.unitCodes : remembered } : { kind };

/**
 * For which units a clerk registers and files (the admin's user form): own unit, the whole office
 * (a central front office, TU), or named units. Shown only for clerks; the server checks the same.
 */
export const FilingScopeField = ({ value, onChange, error }: { value: FilingScope; onChange: (s: FilingScope) => void; error?: string | undefined }) => {
  const { units } = useSession();
  const named = value.kind === 'units' ? value.unitCodes : [];
  return (
    <fieldset class="checks filing-scope">
      <legend>{t('scope.legend')}</legend>
      {FILING_SCOPE_KINDS.map((k) => (
        <label key={k} class="check">
          <input type="radio" name="filingScope" value={k} checked={value.kind === k} onChange={() => onChange(withKind(value, k, named))} /> {t(KIND_LABEL[k])}
        </label>
      ))}
      {value.kind === 'units' ? (
        <fieldset class="checks scope-units">
          <legend>{t('scope.unitsLegend')}</legend>
          {flatTree(unitTree(units)).map((u) => (
            <label key={u.code} class="check">
              <input
                type="checkbox"
                name="filingUnits"
                value={u.code}
                checked={named.includes(u.code)}
                onChange={(e) => onChange({ kind: 'units', unitCodes: e.currentTarget.checked ? [...named, u.code] : named.filter((c) => c !== u.code) })}
              />{' '}
              {`${u.name} (${u.code})`}
            </label>
          ))}
        </fieldset>
      ) : null}
      {error ? <p class="error-text">{error}</p> : null}
    </fieldset>
  );
};
