import type { idPeople } from './id-people.ts';

/** People and first login in English (the type demands every key of id-people.ts). */
export const enPeople: Record<keyof typeof idPeople, string> = {
  'nav.account': 'My account',

  'people.nip': 'NIP (civil servant number)',
  'people.nipHint': '18 digits, spaces allowed as on the staff card.',
  'people.nipInvalid': 'A NIP has 18 digits.',
  'people.jabatan': 'Position',
  'people.jabatanHint': 'Printed above the signer’s name, e.g. "Head of the Civil Service Agency".',
  'users.temporaryHint': 'A temporary password: the user must change it at their first login.',

  'first.title': 'Change your password',
  'first.intro': 'An admin set your password. Choose your own before you go on.',
  'first.new': 'New password',
  'first.again': 'New password again',
  'first.hint': 'At least 8 characters. A few random words are easy to remember and hard to guess.',
  'first.mismatch': 'The two passwords differ.',
  'first.submit': 'Save password',
  'first.done': 'Password changed. Log in with your new password.',
  'first.expired': 'The time to change the password ran out. Log in again.',

  'forgot.link': 'Forgot your password?',
  'forgot.title': 'Forgotten password',
  'forgot.intro': 'Type your username. If that account has an email address, we send it a link to choose a new password.',
  'forgot.submit': 'Send link',
  'forgot.sent': 'If that account exists and has an email address, the link is on its way. It works once, for an hour.',
  'forgot.askAdmin': 'This office sends no email. Ask your office admin to reset your password: you get a temporary one to change when you log in.',
  'forgot.back': 'Back to login',

  'reset.title': 'Choose a new password',
  'reset.noToken': 'This link is incomplete. Open the link from your email, or ask for a new one.',
  'reset.done': 'New password saved. Please log in.',
  'reset.login': 'To the login page',

  'account.title': 'My account',
  'account.profile': 'Profile',
  'account.noNip': 'not on record',
  'account.passwordTitle': 'Change password',
  'account.current': 'Current password',
  'account.passwordDone': 'Password changed. Every session ended; log in again with the new password.',
  'account.certTitle': 'Signing certificate',
  'account.certNone': 'You have no signing certificate. An admin requests one for you.',
  'account.certRequested':
    'An admin requested a signing certificate for you. Choose your own PIN: the signing key is made now and locked with it. The admin never learns it.',
  'account.pin': 'Signing PIN',
  'account.pinAgain': 'PIN again',
  'account.pinHint': '6–64 characters; not a run of digits or one digit repeated.',
  'account.pinMismatch': 'The two PINs differ.',
  'account.certCreate': 'Make the certificate',
  'account.certMade': 'Certificate made: serial {serial}, valid until {until}.',
  'account.pinChangeTitle': 'Change PIN',
  'account.pinCurrent': 'Current PIN',
  'account.pinNew': 'New PIN',
  'account.pinChange': 'Change PIN',
  'account.pinChanged': 'PIN changed. Use the new PIN when you sign.',

  'home.choosePin': 'An admin requested a signing certificate for you: make it by choosing your own PIN on',

  'certs.request': 'Request a certificate',
  'certs.requested': 'Requested: {name} makes the certificate by choosing a PIN on their "My account" page.',
  'certs.waiting': 'Waiting for the official to choose a PIN (requested {at}).',

  'dispo.noAdmins': 'Admin accounts receive no dispositions.',

  'problem.nipInvalid': 'Not a valid NIP: 18 digits holding the birth date, month of appointment, sex (1 or 2) and a serial.',
  'problem.passwordChangeRequired': 'First change the password an admin set.',
  'problem.passwordUnchanged': 'Choose a password other than the current one.',
  'problem.passwordResetInvalid': 'This link is unknown, used or expired. Ask for a new one.',
  'problem.passwordResetByAdmin': 'This office sends no email. Ask an admin to reset your password.',
  'problem.certificateNotRequested': 'No certificate was requested for you yet. Ask an admin to request one.',
  'problem.pinHeldElsewhere': "This certificate's key is held by its provider; its passphrase is changed there.",
};
