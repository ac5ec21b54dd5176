import { t } from '../i18n.ts';
import { Field } from './ui.tsx';

export interface Profile {
  nip: string;
  jabatan: string;
}

// 18 digits, spaces allowed as printed on staff cards: the browser says so before sending, the
// server checks what the digits tell (domain/people.ts).
const NIP_PATTERN = '\\s*(\\d\\s*){18}';

/** A person's NIP and jabatan in the admin's user forms. */
export const ProfileFields = ({ value, onChange, error }: { value: Profile; onChange: (p: Profile) => void; error: (field: string) => string | undefined }) => (
  <>
    <Field label={t('people.nip')} hint={t('people.nipHint')} error={error('nip')}>
      {(p) => (
        <input
          {...p}
          name="nip"
          inputMode="numeric"
          autoComplete="off"
          pattern={NIP_PATTERN}
          title={t('people.nipInvalid')}
          maxLength={40}
          value={value.nip}
          onInput={(e) => onChange({ ...value, nip: e.currentTarget.value })}
        />
      )}
    </Field>
    <Field label={t('people.jabatan')} hint={t('people.jabatanHint')} error={error('jabatan')}>
      {(p) => <input {...p} name="jabatan" maxLength={200} value={value.jabatan} onInput={(e) => onChange({ ...value, jabatan: e.currentTarget.value })} />}
    </Field>
  </>
);

/** The profile fields as the API takes them on a new user (empty ones left out). */
export const newProfileBody = (p: Profile) => ({ ...(p.nip.trim() ? { nip: p.nip.trim() } : {}), ...(p.jabatan.trim() ? { jabatan: p.jabatan.trim() } : {}) });

/** The profile fields that changed, as the API takes them (an emptied one is null: removed). */
export const profileChanges = (p: Profile, before: { nip: string | null; jabatan: string | null }) => {
  const out: Record<string, string | null> = {};
  if ((p.nip.replace(/\s+/g, '') || null) !== before.nip) out.nip = p.nip.trim() || null;
  if ((p.jabatan.trim() || null) !== before.jabatan) out.jabatan = p.jabatan.trim() || null;
  return out;
};
