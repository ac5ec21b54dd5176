import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../src/config/config.ts';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => p.split(':')[0]!);
    throw e;
  }
  return [];
};

describe('config: email and reminders', () => {
  it('defaults: no email, a scan a minute, the office on Jakarta time', () => {
    const c = loadConfig({});
    expect(c.mail).to.equal(undefined);
    expect(c.reminders).to.deep.equal({ scanSeconds: 60, timeZone: 'Asia/Jakarta' });
  });

  it('reads SMTP, the sender, the scan interval (0 turns it off) and the time zone', () => {
    const c = loadConfig({
      SMTP_URL: 'smtp://naskah:rahasia@mail.bkd.example.go.id:587',
      MAIL_FROM: 'Naskah <naskah@bkd.example.go.id>',
      REMINDER_SCAN_SECONDS: '0',
      OFFICE_TIMEZONE: 'Asia/Makassar',
    });
    expect(c.mail).to.deep.equal({ smtpUrl: 'smtp://naskah:rahasia@mail.bkd.example.go.id:587', from: 'Naskah <naskah@bkd.example.go.id>' });
    expect(c.reminders).to.deep.equal({ scanSeconds: 0, timeZone: 'Asia/Makassar' });
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example.go.id', MAIL_FROM: 'a@b.go.id' }).mail?.smtpUrl).to.equal('smtps://mail.example.go.id');
  });

  it('lists each problem: a URL that is not SMTP, SMTP without a sender, a time zone that does not exist, a negative interval', () => {
    expect(problemsOf({ SMTP_URL: 'http://mail.example.go.id' })).to.include('SMTP_URL');
    expect(problemsOf({ SMTP_URL: 'smtp://mail.example.go.id:587' })).to.deep.equal(['MAIL_FROM']);
    expect(problemsOf({ OFFICE_TIMEZONE: 'Asia/Jakarat', REMINDER_SCAN_SECONDS: '-1' }).sort()).to.deep.equal(['OFFICE_TIMEZONE', 'REMINDER_SCAN_SECONDS']);
  });
});
