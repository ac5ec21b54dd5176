import { totpCode, totpStep } from '../../src/domain/totp.ts';

export interface SecondFactor {
  secret: string;
  recoveryCodes: string[];
  lastStep: number;
}

const post = async (url: string, body: unknown, token?: string) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

/**
 * Logs in over HTTP as a person with an authenticator app would: enrols when the server
 * demands a second factor (keeping the secret) and sends a code never used before. The server
 * accepts each code once within ±1 step of its clock, so with a movable clock it steps the clock
 * on; with a real one it uses the next step, or a recovery code when both are spent.
 */
export const totpLoginClient = (baseUrl: string, clock: { now(): Date; advance?(ms: number): void }) => {
  const factors = new Map<string, SecondFactor>();

  const freshCode = (f: SecondFactor): string => {
    if (f.lastStep >= totpStep(clock.now()) + 1 && clock.advance) clock.advance(30_000);
    const current = totpStep(clock.now());
    // Never the step just past: a code for the current step or the next stays valid for at
    // least another 30 s, so a slow page (a loaded machine) still submits it in time.
    const step = Math.max(f.lastStep + 1, current);
    if (step > current + 1) return f.recoveryCodes.pop()!;
    f.lastStep = step;
    return totpCode(f.secret, step);
  };

  const login = async (username: string, password: string): Promise<string> => {
    const f = factors.get(username);
    const res = await post(`${baseUrl}/api/v1/auth/login`, { username, password, ...(f ? { totp: freshCode(f) } : {}) });
    if (res.status === 403 && String(res.body.type).endsWith('/totp-enrolment-required')) {
      const enrolment = String(res.body.token);
      const setup = await post(`${baseUrl}/api/v1/auth/totp/setup`, {}, enrolment);
      const secret = String(setup.body.secret);
      const step = totpStep(clock.now());
      const enabled = await post(`${baseUrl}/api/v1/auth/totp/enable`, { code: totpCode(secret, step) }, enrolment);
      if (enabled.status !== 200) throw new Error(`enrol ${username}: ${enabled.status} ${JSON.stringify(enabled.body)}`);
      factors.set(username, { secret, recoveryCodes: [...(enabled.body.recoveryCodes as string[])], lastStep: step });
      return login(username, password);
    }
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return String(res.body.token);
  };

  /** A code the server has not seen for this user (for tests that log in by hand). */
  const nextTotp = (username: string): string => {
    const f = factors.get(username);
    if (!f) throw new Error(`${username} has no second factor enrolled by this client`);
    return freshCode(f);
  };

  return { login, nextTotp, factors };
};
