/** People and first login (issue 18) in Indonesian (merged into id.ts; en-people.ts gives the English). */
export const idPeople = {
  'nav.account': 'Akun saya',

  'people.nip': 'NIP',
  'people.nipHint': '18 angka, boleh dengan spasi seperti di kartu pegawai.',
  'people.nipInvalid': 'NIP terdiri atas 18 angka.',
  'people.jabatan': 'Jabatan',
  'people.jabatanHint': 'Dicetak di atas nama penanda tangan, misalnya "Kepala Badan Kepegawaian Daerah".',
  'users.temporaryHint': 'Kata sandi sementara: pengguna wajib menggantinya saat pertama kali masuk.',

  'first.title': 'Ganti kata sandi',
  'first.intro': 'Kata sandi Anda dibuat oleh admin. Pilih kata sandi Anda sendiri sebelum melanjutkan.',
  'first.new': 'Kata sandi baru',
  'first.again': 'Ulangi kata sandi baru',
  'first.hint': 'Paling sedikit 8 karakter. Beberapa kata acak mudah diingat dan sulit ditebak.',
  'first.mismatch': 'Kedua kata sandi tidak sama.',
  'first.submit': 'Simpan kata sandi',
  'first.done': 'Kata sandi diganti. Masuk dengan kata sandi baru Anda.',
  'first.expired': 'Waktu untuk mengganti kata sandi habis. Masuk lagi.',

  'forgot.link': 'Lupa kata sandi?',
  'forgot.title': 'Lupa kata sandi',
  'forgot.intro': 'Tulis nama pengguna Anda. Jika akun itu punya alamat email, kami kirim tautan untuk memilih kata sandi baru.',
  'forgot.submit': 'Kirim tautan',
  'forgot.sent': 'Jika akun itu ada dan punya alamat email, tautan sudah dikirim. Tautan berlaku satu jam dan hanya sekali.',
  'forgot.askAdmin':
    'Kantor ini tidak mengirim email. Minta admin kantor Anda mengatur ulang kata sandi: Anda akan mendapat kata sandi sementara yang wajib diganti saat masuk.',
  'forgot.back': 'Kembali ke halaman masuk',

  'reset.title': 'Pilih kata sandi baru',
  'reset.noToken': 'Tautan ini tidak lengkap. Buka tautan dari email Anda, atau minta tautan baru.',
  'reset.done': 'Kata sandi baru disimpan. Silakan masuk.',
  'reset.login': 'Ke halaman masuk',

  'account.title': 'Akun saya',
  'account.profile': 'Data diri',
  'account.noNip': 'belum dicatat',
  'account.passwordTitle': 'Ganti kata sandi',
  'account.current': 'Kata sandi sekarang',
  'account.passwordDone': 'Kata sandi diganti. Semua sesi berakhir; masuk lagi dengan kata sandi baru.',
  'account.certTitle': 'Sertifikat tanda tangan',
  'account.certNone': 'Anda belum memiliki sertifikat tanda tangan. Admin memintakannya untuk Anda.',
  'account.certRequested':
    'Admin meminta sertifikat tanda tangan untuk Anda. Pilih PIN Anda sendiri: kunci tanda tangan dibuat sekarang dan dikunci dengan PIN itu. Admin tidak mengetahuinya.',
  'account.pin': 'PIN tanda tangan',
  'account.pinAgain': 'Ulangi PIN',
  'account.pinHint': '6–64 karakter; bukan angka berurutan atau satu angka berulang.',
  'account.pinMismatch': 'Kedua PIN tidak sama.',
  'account.certCreate': 'Buat sertifikat',
  'account.certMade': 'Sertifikat dibuat: nomor seri {serial}, berlaku sampai {until}.',
  'account.pinChangeTitle': 'Ganti PIN',
  'account.pinCurrent': 'PIN sekarang',
  'account.pinNew': 'PIN baru',
  'account.pinChange': 'Ganti PIN',
  'account.pinChanged': 'PIN diganti. Pakai PIN baru saat menandatangani.',

  'home.choosePin': 'Admin meminta sertifikat tanda tangan untuk Anda: buat dengan memilih PIN Anda sendiri di',

  'certs.request': 'Minta sertifikat',
  'certs.requested': 'Permintaan dikirim: {name} membuat sertifikatnya dengan memilih PIN sendiri di halaman "Akun saya".',
  'certs.waiting': 'Menunggu pejabat memilih PIN (diminta {at}).',

  'dispo.noAdmins': 'Akun admin tidak menerima disposisi.',

  'problem.nipInvalid': 'NIP tidak sah: 18 angka yang memuat tanggal lahir, bulan pengangkatan, jenis kelamin (1 atau 2) dan nomor urut.',
  'problem.passwordChangeRequired': 'Ganti dulu kata sandi yang dibuat admin.',
  'problem.passwordUnchanged': 'Pilih kata sandi yang berbeda dari kata sandi sekarang.',
  'problem.passwordResetInvalid': 'Tautan ini tidak dikenal, sudah dipakai, atau kedaluwarsa. Minta tautan baru.',
  'problem.passwordResetByAdmin': 'Kantor ini tidak mengirim email. Minta admin mengatur ulang kata sandi Anda.',
  'problem.certificateNotRequested': 'Belum ada permintaan sertifikat untuk Anda. Minta admin memintakannya.',
  'problem.pinHeldElsewhere': 'Kunci sertifikat ini disimpan penyelenggaranya; kata sandinya diganti di sana.',
};
