import type { DispositionAction, DispositionStatus, IncomingStatus, Urgency } from './correspondence.ts';

/**
 * The Indonesian words the office's papers print (the register's exports, the disposition sheet).
 * The server writes those files itself, so it cannot lean on the web UI's dictionary.
 */
export const URGENCY_WORDS: Record<Urgency, string> = {
  biasa: 'Biasa',
  penting: 'Penting',
  segera: 'Segera',
  sangat_segera: 'Sangat segera',
};

export const INCOMING_STATUS_WORDS: Record<IncomingStatus, string> = {
  registered: 'Tercatat',
  disposed: 'Didisposisikan',
  completed: 'Selesai',
};

export const DISPOSITION_STATUS_WORDS: Record<DispositionStatus, string> = {
  open: 'Berjalan',
  completed: 'Selesai',
  withdrawn: 'Ditarik',
};

export const ACTION_WORDS: Record<DispositionAction, string> = {
  untuk_diketahui: 'Untuk diketahui',
  untuk_ditindaklanjuti: 'Untuk ditindaklanjuti',
  siapkan_jawaban: 'Siapkan jawaban',
  hadiri: 'Hadiri',
  koordinasikan: 'Koordinasikan',
  arsipkan: 'Arsipkan',
};

/** 2025-03-05 → 05-03-2025, the day-month-year order Indonesian tables print. */
export const tableDate = (isoDay: string): string => isoDay.split('-').reverse().join('-');
