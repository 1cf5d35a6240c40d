import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoClusterDir } from '../../../../main/paths.js';
import { parseExports } from '../../../../shared/config/exports.js';
import { parseFstab } from '../../../../shared/config/fstab.js';
import { parseHosts } from '../../../../shared/config/hosts.js';
import { parseLtsConf } from '../../../../shared/config/lts-conf.js';
import { parseMosixMap } from '../../../../shared/config/mosix-map.js';
import { readOpenMosixStartup } from '../../../../shared/config/rc-local.js';

const demo = (gatewayPath: string) => readFileSync(path.join(demoClusterDir, gatewayPath), 'utf8');

const parsers = {
  hosts: (text: string) => parseHosts(text, '/etc/hosts'),
  map: (text: string) => parseMosixMap(text, '/etc/mosix.map'),
  exports: (text: string) => parseExports(text, '/etc/exports'),
  lts: (text: string) => parseLtsConf(text, '/opt/ltsp/i386/etc/lts.conf'),
  fstab: (text: string) => parseFstab(text, '/opt/ltsp/i386/etc/fstab'),
};

/** Text made of the characters these formats care about, so fuzzing reaches their branches. */
const configText = fc
  .array(
    fc.constantFrom(
      '1',
      '192.168.0.',
      '254',
      ' ',
      '\t',
      '\n',
      '\r\n',
      '#',
      'node',
      'ALIAS',
      '[',
      ']',
      '=',
      '"',
      '(',
      ')',
      ',',
      '\\',
      '/',
      ':',
      'mfs',
      '-',
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

describe('line-oriented formats', () => {
  it.each(Object.entries(parsers))(
    '%s: never throws, and every diagnostic points into the text',
    (_name, parse) => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), configText), (text) => {
          const parsed = parse(text);
          expect(parsed.text).toBe(text);
          const lineCount = Math.max(1, parsed.lines.length);
          for (const diagnostic of parsed.diagnostics) {
            expect(diagnostic.location.line).toBeGreaterThanOrEqual(1);
            expect(diagnostic.location.line).toBeLessThanOrEqual(lineCount);
            expect(diagnostic.location.column).toBeGreaterThanOrEqual(1);
            expect(diagnostic.message.length).toBeGreaterThan(10);
          }
        }),
      );
    },
  );

  it.each(Object.entries(parsers))(
    '%s: lines keep every byte, CRLF and a missing final newline included',
    (_n, parse) => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), configText), (text) => {
          const joined = parse(text)
            .lines.map((line) => line.text + line.eol)
            .join('');
          expect(joined).toBe(text);
        }),
      );
    },
  );
});

describe('hosts', () => {
  it('reads the seed’s hosts: the gateway, 253 nodes and localhost', () => {
    const hosts = parseHosts(demo('/etc/hosts'), '/etc/hosts');
    expect(hosts.diagnostics).toEqual([]);
    expect(hosts.entries).toHaveLength(255);
    expect(hosts.entries[0]).toMatchObject({ line: 1, address: '192.168.0.254', names: ['mosix'] });
    expect(hosts.entries.at(-1)).toMatchObject({
      address: '127.0.0.1',
      names: ['localhost.localdomain', 'localhost'],
    });
  });

  it('reads IPv6, tabs, aliases and comments', () => {
    const hosts = parseHosts(
      '::1\tlocalhost ip6-localhost # loopback\nfe80::1%eth0 x\n10.0.0.1\tgw  gw.lan\n',
      'h',
    );
    expect(hosts.entries.map((entry) => [entry.address, entry.names])).toEqual([
      ['::1', ['localhost', 'ip6-localhost']],
      ['10.0.0.1', ['gw', 'gw.lan']],
    ]);
    expect(hosts.diagnostics).toEqual([
      {
        code: 'hosts/invalid-address',
        severity: 'error',
        message: "'fe80::1%eth0' is not an IPv4 or IPv6 address",
        location: { file: 'h', line: 2, column: 1 },
      },
    ]);
  });

  it('says which address has no name', () => {
    expect(parseHosts('\n  192.168.0.9   # spare\n', 'h').diagnostics[0]).toMatchObject({
      code: 'hosts/missing-name',
      message: '192.168.0.9 has no host name after it',
      location: { line: 2, column: 3 },
    });
  });
});

describe('the openMosix map', () => {
  it('reads ranges and ALIAS lines with comments', () => {
    const map = parseMosixMap(
      '# id ip count\n1 192.168.0.254 1\n2 192.168.0.1 1\n2 192.168.1.1 ALIAS\n3\t192.168.1.1\t254\n',
      'm',
    );
    expect(map.diagnostics).toEqual([]);
    expect(
      map.entries.map((entry) => [entry.kind, entry.id, entry.host, 'count' in entry ? entry.count : '-']),
    ).toEqual([
      ['range', 1, '192.168.0.254', 1],
      ['range', 2, '192.168.0.1', 1],
      ['alias', 2, '192.168.1.1', '-'],
      ['range', 3, '192.168.1.1', 254],
    ]);
  });

  it.each([
    ['0 192.168.0.1 1', 'map/id-out-of-range', 'node ID 0 is outside 1–65535', 1],
    ['65535 192.168.0.1 2', 'map/id-out-of-range', 'IDs 65535–65536 run past 65535', 19],
    [
      '1 192.168.0.1',
      'map/syntax',
      'expected three fields: first-ID, address or host name, and a count or ALIAS',
      1,
    ],
    [
      '1 192.168.0.1 many',
      'map/syntax',
      "the count 'many' is not a number of nodes (1 or more) or ALIAS",
      15,
    ],
    ['x 192.168.0.1 1', 'map/syntax', "the node ID 'x' is not a number", 1],
  ])('%j → %s', (text, code, message, column) => {
    expect(parseMosixMap(text, 'm').diagnostics).toEqual([
      { code, severity: 'error', message, location: { file: 'm', line: 1, column } },
    ]);
  });

  it('refuses more than 256 entry lines, at the 257th', () => {
    const text = Array.from(
      { length: 257 },
      (_, i) => `${i + 1} 10.0.${Math.floor(i / 250)}.${(i % 250) + 1} 1`,
    ).join('\n');
    expect(parseMosixMap(text, 'm').diagnostics).toEqual([
      expect.objectContaining({ code: 'map/too-many-lines', location: { file: 'm', line: 257, column: 1 } }),
    ]);
  });
});

describe('exports', () => {
  it('reads the seed’s exports', () => {
    const exports = parseExports(demo('/etc/exports'), '/etc/exports');
    expect(exports.diagnostics).toEqual([]);
    expect(exports.entries.map((entry) => [entry.path, entry.clients])).toEqual([
      ['/opt/ltsp/i386', [{ host: '192.168.0.0/255.255.255.0', options: ['ro', 'no_root_squash'] }]],
      ['/var/opt/ltsp/swapfiles', [{ host: '192.168.0.0/255.255.255.0', options: ['rw', 'no_root_squash'] }]],
    ]);
  });

  it('joins continuation lines, keeps quoted paths, and reads default options', () => {
    const text = '"/srv/nfs root" -sync \\\n  10.0.0.0/8(rw) \\\n  *.lab(ro)\n';
    const [entry] = parseExports(text, 'e').entries;
    expect(entry).toEqual({
      line: 1,
      lastLine: 3,
      path: '/srv/nfs root',
      defaults: ['sync'],
      clients: [
        { host: '10.0.0.0/8', options: ['rw'] },
        { host: '*.lab', options: ['ro'] },
      ],
    });
  });

  it('warns about the classic space before the options', () => {
    const [warning] = parseExports('/opt/ltsp/i386 192.168.0.0/24 (rw)\n', 'e').diagnostics;
    expect(warning).toMatchObject({
      code: 'exports/space-before-options',
      severity: 'warning',
      message: "a space before '(rw)' gives these options to every host, not to '192.168.0.0/24'",
      location: { line: 1, column: 31 },
    });
  });
});

describe('lts.conf', () => {
  it('reads the seed’s [Default] section', () => {
    const lts = parseLtsConf(demo('/opt/ltsp/i386/etc/lts.conf'), 'lts.conf');
    expect(lts.diagnostics).toEqual([]);
    const [defaults] = lts.sections;
    expect(defaults?.name).toBe('Default');
    expect(defaults?.settings.find((setting) => setting.key === 'X_MOUSE_PROTOCOL')?.value).toBe('PS/2');
    expect(defaults?.settings.find((setting) => setting.key === 'X_USBMOUSE_PROTOCOL')?.value).toBe('PS/2');
    expect(defaults?.settings).toHaveLength(15);
  });

  it('reads MAC, IP and name sections, LIKE, and flags an unknown LIKE', () => {
    const text =
      '[Default]\n  SERVER = 192.168.0.254\n[00:E0:06:E8:00:84]\n  LIKE = fast # P4\n[ws001]\n  LIKE = slow\n';
    const lts = parseLtsConf(text, 'l');
    expect(lts.sections.map((section) => section.name)).toEqual(['Default', '00:E0:06:E8:00:84', 'ws001']);
    expect(lts.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      "[00:E0:06:E8:00:84] is LIKE 'fast', but there is no such section",
      "[ws001] is LIKE 'slow', but there is no such section",
    ]);
  });

  it('flags a setting before any section and a line that is neither', () => {
    const lts = parseLtsConf('SERVER = 1.2.3.4\n[Default]\nthis is not a setting\n', 'l');
    expect(lts.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.location.line])).toEqual([
      ['lts/outside-section', 1],
      ['lts/syntax', 3],
    ]);
  });
});

describe('the client root’s fstab and rc.local', () => {
  it('finds the mfs line of the seed’s fstab', () => {
    expect(parseFstab(demo('/opt/ltsp/i386/etc/fstab'), 'f').entries).toEqual([
      { line: 1, spec: 'none', mountPoint: '/mfs', type: 'mfs', options: 'dfsa=1' },
    ]);
  });

  it('finds the three steps of the seed’s openMosix startup section', () => {
    expect(readOpenMosixStartup(demo('/opt/ltsp/i386/etc/rc.local'))).toEqual({
      setsLstay: 3,
      startsOpenMosix: 5,
      mountsMfs: 7,
    });
  });

  it('does not count a commented-out step', () => {
    expect(readOpenMosixStartup('# mount /mfs\n')).toEqual({});
  });
});
