import { expect } from 'chai';
import { addressKey, throttleKeys } from '../../../src/app/accounts/login-throttle.ts';

describe('login back-off keys', () => {
  it('counts IPv4 addresses one by one, IPv4-mapped ones as IPv4', () => {
    expect(addressKey('203.0.113.7')).to.equal('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).to.equal('203.0.113.7');
  });

  it('counts an IPv6 client by its /64, however the address is written', () => {
    const key = addressKey('2001:db8:abcd:12::1');
    expect(key).to.equal('2001:db8:abcd:12::/64');
    expect(addressKey('2001:0db8:abcd:0012:ffff:ffff:ffff:ffff')).to.equal(key);
    expect(addressKey('2001:db8:abcd:12:1:2:3:4')).to.equal(key);
    expect(addressKey('2001:db8::1')).to.equal('2001:db8:0:0::/64');
    expect(addressKey('::1')).to.equal('0:0:0:0::/64');
  });

  it('keys the account by the name as typed, trimmed and lower-cased', () => {
    const [account, address] = throttleKeys('  Siti.BKD ', '10.0.0.5');
    expect(account?.key).to.equal('account:siti.bkd');
    expect(address?.key).to.equal('address:10.0.0.5');
    expect(throttleKeys('x', undefined)).to.have.length(1);
  });
});
