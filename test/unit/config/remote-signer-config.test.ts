import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../src/config/config.ts';

describe('config: the remote signer (REMOTE_SIGNER_*)', () => {
  it('is off unless REMOTE_SIGNER_URL is set: every key is kept here', () => {
    expect(loadConfig({}).remoteSigner).to.equal(undefined);
  });

  it('reads the URL, username:NIK pairs (names folded to lower case), the scope, the token and the timeout', () => {
    const c = loadConfig({
      REMOTE_SIGNER_URL: 'https://tte.example.go.id/api/',
      REMOTE_SIGNER_USERS: ' Kepala:3404015201800001 , sekda:3404016107750002,',
      REMOTE_SIGNER_SCOPE: 'office',
      REMOTE_SIGNER_TOKEN: 'rahasia',
      REMOTE_SIGNER_TIMEOUT_MS: '5000',
    }).remoteSigner!;
    expect(c).to.deep.include({ url: 'https://tte.example.go.id/api', officeWide: true, token: 'rahasia', timeoutMs: 5000 });
    expect([...c.niks]).to.deep.equal([
      ['kepala', '3404015201800001'],
      ['sekda', '3404016107750002'],
    ]);
    expect(loadConfig({ REMOTE_SIGNER_URL: 'http://127.0.0.1:9000' }).remoteSigner).to.deep.include({ officeWide: false, timeoutMs: 15_000 });
  });

  it('refuses a URL that is not http(s), a NIK that is not 16 digits and an unknown scope, each named', () => {
    expect(() => loadConfig({ REMOTE_SIGNER_URL: 'ftp://x' })).to.throw(ConfigError, /REMOTE_SIGNER_URL/);
    for (const bad of ['kepala', 'kepala:12345', 'kepala 3404015201800001'])
      expect(() => loadConfig({ REMOTE_SIGNER_USERS: bad }), bad).to.throw(ConfigError, /REMOTE_SIGNER_USERS/);
    expect(() => loadConfig({ REMOTE_SIGNER_SCOPE: 'everyone' })).to.throw(ConfigError, /REMOTE_SIGNER_SCOPE/);
  });
});
