import type { idFriction } from './id-friction.ts';

/** Words of the friction fixes of issue 18 in English. */
export const enFriction: Record<keyof typeof idFriction, string> = {
  'scope.legend': 'Units the clerk registers for',
  'scope.own': 'Own unit (and the units below it)',
  'scope.office': 'The whole office (central front office)',
  'scope.units': 'Own unit and the chosen units',
  'scope.unitsLegend': 'Chosen units',
  'scope.pickOne': 'Choose at least one unit.',

  'rule.passwordShort': 'A password has at least {n} characters.',
  'rule.passwordSpaces': 'A password cannot be only spaces.',
  'rule.unitCode': 'A unit code starts with a letter or digit, then only letters, digits, dots, underscores or hyphens, at most {n} characters (no spaces).',

  'refused.other': 'does not qualify for this act',

  'login.checkLetter': 'Check a letter: is an electronically signed letter genuine?',
  'check.issuer': 'Issued by',

  'dispo.tabs': 'Disposition views',
  'dispo.tabOpen': 'Open',
  'dispo.tabDone': 'Done',
  'dispo.doneSummary': '{n} latest completed dispositions',
  'dispo.doneEmpty': 'No completed dispositions yet.',
  'dispo.doneAt': 'Completed {at}',
  'dispo.viaPersonal': 'To you personally',
  'dispo.viaUnit': 'Through your unit ({unit})',
  'dispo.viaUnitShort': 'via unit',
  'dispo.viaBoth': 'This letter reaches you twice:',
  'dispo.openChildren':
    'This disposition cannot be completed yet: the dispositions you forwarded below are still open. Complete them or wait for their reports first.',
  'dispo.openChild': 'Forwarded to {to}',
};
