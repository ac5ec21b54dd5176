/**
 * The labels the UI's forms give the fields the API names in its `errors`, so an error list reads
 * "Nama pengguna: …" rather than "username: …". ErrorBox uses these unless a form passes its own
 * (where one name means something else there, e.g. `title` is a certificate holder's jabatan).
 * A field missing here is shown by its API name.
 */
import type { FieldLabels } from './problem-text.ts';

export const FIELD_LABELS: FieldLabels = {
  // accounts and units
  username: 'users.username',
  password: 'users.password',
  email: 'users.email',
  role: 'users.roles',
  roles: 'users.roles',
  clearance: 'users.clearance',
  disabled: 'users.disabled',
  nip: 'people.nip',
  jabatan: 'people.jabatan',
  currentPassword: 'account.current',
  newPassword: 'first.new',
  currentPin: 'account.pinCurrent',
  newPin: 'account.pinNew',
  name: 'units.name',
  code: 'units.code',
  parentCode: 'units.parent',
  unitCode: 'doc.unit',
  // documents and letters
  file: 'doc.file',
  title: 'upload.titleField',
  tags: 'upload.tags',
  letterNumber: 'doc.letterNumber',
  letterDate: 'incoming.letterDate',
  sender: 'doc.sender',
  paperLocation: 'doc.paperLocation',
  documentDate: 'doc.documentDate',
  classificationCode: 'doc.classificationCode',
  securityLevel: 'doc.securityLevel',
  subject: 'incoming.subject',
  urgency: 'incoming.urgency',
  recipient: 'out.recipient',
  signerId: 'out.signer',
  reviewerIds: 'out.reviewers',
  note: 'out.note',
  comment: 'out.comment',
  addressee: 'out.addressee',
  body: 'out.body',
  place: 'out.place',
  date: 'out.date',
  attachments: 'out.attachments',
  signerTitle: 'out.signerTitle',
  // dispositions
  to: 'dispo.to',
  instruction: 'dispo.note',
  dueAt: 'dispo.due',
  report: 'dispo.report',
  // signing
  pin: 'sign.pin',
  totp: 'sign.code',
  // records acts (holds, disposals, transfers)
  reason: 'acts.reason',
  documentIds: 'records.records',
};
