import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addToIpv4,
  inNetwork,
  isIpv4,
  isIpv6,
  isMac,
  macNumberAt,
  parseNetwork,
} from '../../../../shared/config/net.js';

describe('addresses', () => {
  it.each(['192.168.0.254', '0.0.0.0', '255.255.255.255'])('%s is IPv4', (text) =>
    expect(isIpv4(text)).toBe(true),
  );
  it.each(['192.168.0.256', '192.168.0', '01.2.3.4', '1.2.3.4.5', 'mosix'])('%s is not IPv4', (text) =>
    expect(isIpv4(text)).toBe(false),
  );
  it.each(['::1', '::', 'fe80::1', '2001:db8::8a2e:370:7334', '::ffff:192.168.0.1', '1:2:3:4:5:6:7:8'])(
    '%s is IPv6',
    (text) => expect(isIpv6(text)).toBe(true),
  );
  it.each(['1::2::3', '1:2:3:4:5:6:7', '12345::', 'fe80::1%eth0', ':::'])('%s is not IPv6', (text) =>
    expect(isIpv6(text)).toBe(false),
  );

  it('counts addresses across octets and refuses to leave the address space', () => {
    expect(addToIpv4('192.168.0.253', 3)).toBe('192.168.1.0');
    expect(addToIpv4('255.255.255.255', 1)).toBeUndefined();
  });

  it('knows which addresses a subnet holds', () => {
    const net = parseNetwork('192.168.0.0', '255.255.255.0');
    expect(net && inNetwork('192.168.0.7', net)).toBe(true);
    expect(net && inNetwork('192.168.1.7', net)).toBe(false);
  });

  it('accepts only six two-digit octets as a MAC, unlike the seed’s garbled ones', () => {
    expect(isMac('00:E0:06:E8:00:84')).toBe(true);
    expect(isMac('000:09:30:6A:1C')).toBe(false);
  });

  it('reads a MAC as six hex pairs joined by : or - and nothing else (property)', () => {
    const macPattern = /^[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){5}$/;
    const nearMac = fc
      .array(fc.constantFrom(...'0aF9g:-. '), { minLength: 15, maxLength: 19 })
      .map((chars) => chars.join(''));
    const macLike = fc
      .tuple(
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }),
        fc.constantFrom(':', '-'),
      )
      .map(([octets, separator]) =>
        octets.map((octet) => octet.toString(16).padStart(2, '0')).join(separator),
      );
    fc.assert(
      fc.property(fc.oneof(nearMac, macLike, fc.string()), (text) => {
        expect(isMac(text)).toBe(macPattern.test(text));
      }),
    );
  });
});

describe('MACs as numbers', () => {
  it('reads a MAC in place, whatever its case and separators', () => {
    const line = 'hardware ethernet 00:E0:06:e8:00:84;';
    expect(macNumberAt(line, 18, 35)).toBe(0x00e006e80084);
    expect(macNumberAt('ff-ff-ff-ff-ff-ff', 0, 17)).toBe(2 ** 48 - 1);
    expect(macNumberAt(line, 18, 34)).toBe(-1);
    expect(macNumberAt(line, 17, 34)).toBe(-1);
    expect(macNumberAt('00:e0:06:e8:00:8g', 0, 17)).toBe(-1);
  });

  it('gives every MAC isMac accepts the number of its twelve hex digits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }), (octets) => {
        const mac = octets.map((octet) => octet.toString(16).padStart(2, '0')).join(':');
        expect(macNumberAt(mac, 0, mac.length)).toBe(parseInt(mac.replaceAll(':', ''), 16));
      }),
    );
  });
});
