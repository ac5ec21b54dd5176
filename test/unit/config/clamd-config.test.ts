import { expect } from 'chai';
import { ConfigError, loadConfig, parseClamdAddress } from '../../../src/config/config.ts';

describe('config: CLAMD_SOCKET', () => {
  it('reads a unix socket path or a TCP host and port', () => {
    expect(parseClamdAddress('/run/clamav/clamd.ctl')).to.deep.equal({ path: '/run/clamav/clamd.ctl' });
    expect(parseClamdAddress('./clamd.sock')).to.deep.equal({ path: './clamd.sock' });
    expect(parseClamdAddress('clamav:3310')).to.deep.equal({ host: 'clamav', port: 3310 });
    expect(parseClamdAddress('tcp://10.0.0.5:3310')).to.deep.equal({ host: '10.0.0.5', port: 3310 });
    expect(parseClamdAddress('[::1]:3310')).to.deep.equal({ host: '::1', port: 3310 });
  });

  it('refuses what is neither', () => {
    for (const bad of ['', '  ', 'tcp://clamav', 'clamav:0', 'clamav:70000']) expect(parseClamdAddress(bad), bad).to.equal(null);
  });

  it('scans nothing unless CLAMD_SOCKET is set; with it, waits CLAMD_TIMEOUT_MS (120 s unless set)', () => {
    expect(loadConfig({}).clamd).to.equal(undefined);
    expect(loadConfig({ CLAMD_SOCKET: 'clamav:3310' }).clamd).to.deep.equal({ address: { host: 'clamav', port: 3310 }, timeoutMs: 120_000 });
    expect(loadConfig({ CLAMD_SOCKET: '/run/clamav/clamd.ctl', CLAMD_TIMEOUT_MS: '5000' }).clamd).to.deep.equal({
      address: { path: '/run/clamav/clamd.ctl' },
      timeoutMs: 5000,
    });
  });

  it('stops with a message on a bad value', () => {
    const err = (() => {
      try {
        loadConfig({ CLAMD_SOCKET: 'tcp://clamav' });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).to.be.instanceOf(ConfigError);
    expect((err as ConfigError).problems.join('\n')).to.match(/CLAMD_SOCKET: a unix socket path/);
  });
});
