import type { idProblems } from './id-problems.ts';

/** Failures in English (the type demands every key of id-problems.ts). */
export const enProblems: Record<keyof typeof idProblems, string> = {
  // The server's detail is English already: shown as it is, without a label.
  'problem.serverSays': '',
  'problem.400': 'The request could not be processed: it is incomplete or unreadable.',
  'problem.403': 'You are not allowed to do this.',
  'problem.404': 'Not found, or you are not allowed to see it.',
  'problem.412': 'Someone changed this since you opened it (there is a newer version). Reload the page, read the latest version, then try again.',
  'problem.409': 'This conflicts with what is there or has just changed. Reload the page and check again.',
  'problem.413': 'The file or the form is too large.',
  'problem.415': 'This type of file is not accepted.',
  'problem.422': 'Some values are not valid.',
  'problem.429': 'Too many requests. Try again in a moment.',
  'problem.429.wait': 'Too many requests. Try again in {n} seconds.',
  'problem.503': 'The service is unavailable. Try again in a moment.',
  'problem.503.backend': 'The {backend} is unavailable. Try again in a moment.',
  'problem.backend.database': 'database',
  'problem.backend.storage': 'file storage',
  'problem.backend.search': 'search index',
  'problem.backend.timestamp': 'timestamp authority (TSA)',
  'problem.backend.malwareScanner': 'malware scanner',
  'problem.500': 'Something went wrong on the server. Try again; if it happens again, tell the admin.',
  'problem.500.id': 'Something went wrong on the server. Quote the code {id} when you tell the admin.',
  'problem.other': 'The request failed (HTTP {status}).',
  'problem.passwordGuessable':
    'This password is too easy to guess: it is one of the passwords people use most, or it contains the username. Choose another, for example a few random words.',
  'problem.pkcs12': 'The .p12 file cannot be opened: the password is wrong or the file is damaged.',
  'problem.certificateUntrusted': "This certificate does not lead to a root the office trusts. Add the provider's (PSrE's) root certificate first.",
  'problem.certificateUnusable': 'This certificate cannot be used to sign: expired, not yet valid, revoked, or not meant for signatures.',
  'problem.malwareFound': 'This file contains a virus or other malware, so it was not stored. Do not open the original; tell the admin.',
};
