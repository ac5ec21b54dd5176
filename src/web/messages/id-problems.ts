/**
 * Failures in Indonesian (merged into id.ts; en-problems.ts gives the English): one headline per
 * problem type or status, see problem-text.ts. The server's own detail follows as a second line.
 */
export const idProblems = {
  'problem.serverSays': 'Keterangan dari server:',
  'problem.400': 'Permintaan tidak dapat diproses: isinya tidak lengkap atau tidak terbaca.',
  'problem.403': 'Anda tidak berwenang melakukan ini.',
  'problem.404': 'Data tidak ditemukan, atau Anda tidak berwenang melihatnya.',
  'problem.412': 'Sudah diubah orang lain sejak Anda membukanya (ada versi yang lebih baru). Muat ulang halaman, baca versi terbaru, lalu ulangi.',
  'problem.409': 'Tidak dapat dilakukan karena bertentangan dengan data yang ada atau yang baru saja berubah. Muat ulang halaman lalu periksa kembali.',
  'problem.413': 'Berkas atau isian terlalu besar.',
  'problem.415': 'Jenis berkas ini tidak diterima.',
  'problem.422': 'Ada isian yang belum benar.',
  'problem.429': 'Terlalu banyak permintaan. Coba lagi sebentar lagi.',
  'problem.429.wait': 'Terlalu banyak permintaan. Coba lagi dalam {n} detik.',
  'problem.503': 'Layanan sedang tidak tersedia. Coba lagi sebentar lagi.',
  'problem.503.backend': 'Layanan {backend} sedang tidak tersedia. Coba lagi sebentar lagi.',
  'problem.backend.database': 'basis data',
  'problem.backend.storage': 'penyimpanan berkas',
  'problem.backend.search': 'pencarian',
  'problem.backend.timestamp': 'cap waktu (TSA)',
  'problem.backend.malwareScanner': 'pemindai virus',
  'problem.500': 'Terjadi kesalahan di server. Coba lagi; jika berulang, laporkan ke admin.',
  'problem.500.id': 'Terjadi kesalahan di server. Sebutkan kode {id} saat melapor ke admin.',
  'problem.other': 'Permintaan gagal (HTTP {status}).',
  'problem.passwordGuessable':
    'Kata sandi ini terlalu mudah ditebak: termasuk kata sandi yang paling sering dipakai orang, atau memuat nama pengguna. Pilih yang lain, misalnya beberapa kata acak.',
  'problem.pkcs12': 'Berkas .p12 tidak dapat dibuka: kata sandinya salah atau berkasnya rusak.',
  'problem.certificateUntrusted':
    'Sertifikat ini tidak berinduk ke sertifikat akar yang dipercaya kantor. Tambahkan dulu sertifikat akar penyelenggaranya (PSrE).',
  'problem.certificateUnusable': 'Sertifikat ini tidak dapat dipakai untuk tanda tangan: kedaluwarsa, belum berlaku, dicabut, atau bukan untuk tanda tangan.',
  'problem.malwareFound': 'Berkas ini mengandung virus atau program jahat, sehingga tidak disimpan. Jangan buka berkas aslinya; laporkan ke admin.',
};
