import type { AppDeps } from '../../../../src/app/deps.ts';
import type { DispositionRecord, IncomingLetterRecord, NotificationRecord } from '../../../../src/domain/correspondence.ts';
import type { MailMessage, SendOutcome } from '../../../../src/ports/mailer.ts';
import type { SecurityLevel } from '../../../../src/domain/security-level.ts';
import type { UserRecord } from '../../../../src/ports/repositories.ts';

/** In-memory stand-ins for the repositories and mailer the notification use cases use. */
export const fakeWorld = (o: { now: Date; mailerConfigured?: boolean }) => {
  const dispositions: DispositionRecord[] = [];
  const users = new Map<string, UserRecord>();
  const letters = new Map<string, IncomingLetterRecord>();
  /** Only the security level of a letter's document matters here (it may be raised above the letter's). */
  const documents = new Map<string, { id: string; securityLevel: SecurityLevel }>();
  const notifications = new Map<string, NotificationRecord>(); // by dedupeKey
  const calls = { add: 0, openDueBy: 0 };
  const mail: { outbox: MailMessage[]; next: SendOutcome[] } = { outbox: [], next: [] };
  /** The send-email jobs enqueued, in order (the job runner is not part of this world). */
  const emailJobs: { type: string; payload: Record<string, unknown> }[] = [];
  let now = o.now;

  const byId = (id: string) => [...notifications.values()].find((n) => n.id === id);
  const deps = {
    clock: { now: () => now },
    officeTimeZone: 'Asia/Jakarta',
    jobs: { maxAttempts: 5 },
    mailer: {
      configured: o.mailerConfigured ?? true,
      async send(m: MailMessage): Promise<SendOutcome> {
        const r = mail.next.shift() ?? { status: 'sent' };
        if (r.status === 'sent') mail.outbox.push(m);
        return r;
      },
      close: async () => undefined,
    },
    db: {
      // One world, no isolation: a transaction is the same repositories, as far as these use cases can tell.
      transaction: async <T>(fn: (tx: unknown) => Promise<T>): Promise<T> => fn(deps.db),
      jobs: {
        async enqueue(j: { type: string; payload: Record<string, unknown> }) {
          emailJobs.push({ type: j.type, payload: j.payload });
          return { id: `job-${emailJobs.length}`, ...j };
        },
      },
      dispositions: {
        async openDueBy(until: Date, limit: number, afterId: string | null) {
          calls.openDueBy++;
          return dispositions
            .filter((d) => d.status === 'open' && d.dueAt && d.dueAt <= until && (afterId === null || d.id > afterId))
            .sort((a, b) => (a.id < b.id ? -1 : 1))
            .slice(0, limit);
        },
      },
      users: {
        findById: async (id: string) => users.get(id) ?? null,
        async list(f: { unitCode?: string }, page: number, limit: number) {
          const all = [...users.values()].filter((u) => !f.unitCode || u.unitCode === f.unitCode);
          return { items: all.slice((page - 1) * limit, page * limit), total: all.length };
        },
      },
      incoming: { findById: async (id: string) => letters.get(id) ?? null },
      documents: { findById: async (id: string) => documents.get(id) ?? null },
      notifications: {
        async add(n: NotificationRecord) {
          calls.add++;
          if (notifications.has(n.dedupeKey)) return false;
          notifications.set(n.dedupeKey, { ...n });
          return true;
        },
        findById: async (id: string) => byId(id) ?? null,
        async setEmailState(id: string, from: NotificationRecord['emailState'], to: NotificationRecord['emailState']) {
          const n = byId(id);
          if (!n || n.emailState !== from) return false;
          n.emailState = to;
          return true;
        },
      },
    },
  } as unknown as AppDeps;

  const user = (id: string, unitCode: string, extra: Partial<UserRecord> = {}): UserRecord => {
    const u: UserRecord = {
      id,
      username: id,
      passwordHash: 'x',
      name: `Nama ${id}`,
      roles: ['staff'],
      unitCode,
      clearance: 'biasa',
      disabled: false,
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      email: `${id}@bkd.example.go.id`,
      nip: null,
      jabatan: null,
      mustChangePassword: false,
      certificateRequestedAt: null,
      passwordResetHash: null,
      passwordResetExpiresAt: null,
      createdAt: now,
      ...extra,
    };
    users.set(id, u);
    return u;
  };
  const letter = (id: string, extra: Partial<IncomingLetterRecord> = {}): IncomingLetterRecord => {
    const l: IncomingLetterRecord = {
      id,
      documentId: `doc-${id}`,
      unitCode: 'ORG',
      agendaYear: 2025,
      agendaNumber: 12,
      letterNumber: '800/1/X/2025',
      letterDate: '2025-03-01',
      sender: 'Dinas X',
      subject: 'Undangan rapat koordinasi',
      sourceOutgoingId: null,
      deliveryKind: null,
      version: 1,
      voided: null,
      urgency: 'segera',
      securityLevel: 'biasa',
      classificationCode: null,
      receivedAt: now,
      status: 'disposed',
      registeredBy: 'clerk',
      createdAt: now,
      updatedAt: now,
      ...extra,
    };
    letters.set(id, l);
    return l;
  };
  const disposition = (id: string, extra: Partial<DispositionRecord>): DispositionRecord => {
    const d: DispositionRecord = {
      id,
      letterId: 'L1',
      parentId: null,
      fromUserId: 'head',
      toUserId: null,
      toUnitCode: null,
      instruction: 'Tindak lanjuti',
      actions: [],
      dueAt: null,
      status: 'open',
      readAt: null,
      completedAt: null,
      completedBy: null,
      report: null,
      reportDocumentId: null,
      createdAt: now,
      ...extra,
    };
    dispositions.push(d);
    return d;
  };

  return {
    deps,
    calls,
    mail,
    emailJobs,
    notifications,
    user,
    letter,
    disposition,
    document: (id: string, securityLevel: SecurityLevel) => void documents.set(id, { id, securityLevel }),
    setNow: (t: Date) => void (now = t),
    kinds: () => [...notifications.values()].map((n) => `${n.kind}:${n.userId}`).sort(),
  };
};
