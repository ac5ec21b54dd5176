/** Words of the friction fixes of issue 18 in Indonesian (merged into id.ts; en-friction.ts gives the English). */
export const idFriction = {
  'scope.legend': 'Unit yang dilayani petugas agenda',
  'scope.own': 'Unit sendiri (dan unit di bawahnya)',
  'scope.office': 'Seluruh kantor (TU pusat)',
  'scope.units': 'Unit sendiri dan unit yang dipilih',
  'scope.unitsLegend': 'Unit yang dipilih',
  'scope.pickOne': 'Pilih paling sedikit satu unit.',

  'rule.passwordShort': 'Kata sandi paling sedikit {n} karakter.',
  'rule.passwordSpaces': 'Kata sandi tidak boleh hanya berisi spasi.',
  'rule.unitCode':
    'Kode unit diawali huruf atau angka, lalu hanya huruf, angka, titik, garis bawah atau tanda hubung, paling banyak {n} karakter (tanpa spasi).',

  'refused.other': 'tidak memenuhi syarat untuk tindakan ini',

  'login.checkLetter': 'Periksa surat: apakah surat bertanda tangan elektronik asli?',
  'check.issuer': 'Diterbitkan oleh',

  'dispo.tabs': 'Tampilan disposisi',
  'dispo.tabOpen': 'Berjalan',
  'dispo.tabDone': 'Selesai',
  'dispo.doneSummary': '{n} disposisi terakhir yang selesai',
  'dispo.doneEmpty': 'Belum ada disposisi yang selesai.',
  'dispo.doneAt': 'Selesai {at}',
  'dispo.viaPersonal': 'Untuk Anda pribadi',
  'dispo.viaUnit': 'Lewat unit Anda ({unit})',
  'dispo.viaUnitShort': 'lewat unit',
  'dispo.viaBoth': 'Surat ini sampai kepada Anda dua kali:',
  'dispo.openChildren':
    'Disposisi ini belum dapat diselesaikan: disposisi yang Anda teruskan berikut masih berjalan. Selesaikan atau tunggu laporannya dahulu.',
  'dispo.openChild': 'Diteruskan kepada {to}',
};
