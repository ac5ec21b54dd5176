import { ApiError } from '../api.ts';
import { t } from '../i18n.ts';
import { ErrorBox, Field } from './ui.tsx';

/** The refusals a signer can act on, in their words; anything else as the server says it. */
export const signProblem = (e: unknown): string | null => {
  if (!(e instanceof ApiError)) return null;
  if (e.kind === 'wrong-pin') return t('sign.wrongPin');
  if (e.kind === 'wrong-passphrase') return t('sign.wrongPassphrase');
  if (e.kind === 'signing-service-unavailable') return t('sign.serviceDown');
  if (e.kind === 'totp-invalid') return t('sign.wrongCode');
  if (e.kind === 'totp-required') return t('sign.needCode');
  if (e.kind === 'totp-enrolment-required') return t('sign.needTotp');
  if (e.kind === 'no-certificate') return t('sign.noCertificate');
  if (e.status === 429) return e.retryAfter ? t('sign.locked', { n: e.retryAfter }) : t('sign.lockedNoTime');
  if (e.status === 404 && e.detail === 'no such route') return t('sign.notYet');
  return null;
};

/**
 * The PIN and the authenticator code a signing asks for (one letter, or a batch), with the
 * refusal under them: the field it concerns marked, the rest in the signer's words.
 */
export const SignFields = ({
  pin,
  code,
  onPin,
  onCode,
  error,
}: {
  pin: string;
  code: string;
  onPin: (v: string) => void;
  onCode: (v: string) => void;
  error: unknown;
}) => {
  const known = signProblem(error);
  const apiError = error instanceof ApiError ? error : null;
  return (
    <>
      <Field
        label={t('sign.pin')}
        required
        hint={t('sign.pinHint')}
        error={apiError?.kind === 'wrong-pin' ? t('sign.wrongPin') : apiError?.kind === 'wrong-passphrase' ? t('sign.wrongPassphrase') : undefined}
      >
        {(p) => (
          <input
            {...p}
            name="pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={64}
            value={pin}
            onInput={(e) => onPin(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={t('sign.code')} required hint={t('login.totpHint')} error={apiError?.kind === 'totp-invalid' ? t('sign.wrongCode') : undefined}>
        {(p) => (
          <input
            {...p}
            name="totp"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={20}
            value={code}
            onInput={(e) => onCode(e.currentTarget.value)}
          />
        )}
      </Field>
      {known ? (
        <div class="alert alert-error" role="alert">
          <p>{known}</p>
        </div>
      ) : (
        <ErrorBox error={error} />
      )}
    </>
  );
};
