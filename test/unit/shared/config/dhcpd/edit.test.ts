import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addHost,
  DhcpdEditError,
  removeHost,
  renameHost,
  setHostAddress,
  setHostFilename,
  setHostMac,
  type NewDhcpdHost,
} from '../../../../../shared/config/dhcpd/edit.js';
import { parseDhcpdConf } from '../../../../../shared/config/dhcpd/parse.js';
import { applyEdits, type TextEdit } from '../../../../../shared/config/source.js';
import type { DhcpdConf } from '../../../../../shared/config/dhcpd/parse.js';
import { confFixtures, readFixture, seedConf } from './fixtures.js';

function edited(text: string, edit: (conf: DhcpdConf) => TextEdit[]): string {
  return applyEdits(text, edit(parseDhcpdConf(text, 'dhcpd.conf')));
}

const node004: NewDhcpdHost = { name: 'node004', mac: '00:aa:bb:cc:dd:0e', ip: '192.168.0.4' };

describe('host edits on the seed dhcpd.conf', () => {
  const beforeGroupEnd = seedConf.slice(0, seedConf.length - '}\n'.length);

  it('adds a host after the last one, laid out like it, in its MAC case, without its comment', () => {
    expect(edited(seedConf, (conf) => addHost(conf, node004))).toBe(
      beforeGroupEnd +
        'host node004 {\n' +
        'hardware ethernet 00:AA:BB:CC:DD:0E;\n' +
        'fixed-address 192.168.0.4;\n' +
        'filename "/lts/boot/pxe/pxelinux.bin";\n' +
        '}\n' +
        '}\n',
    );
  });

  it('adds a host with its own filename', () => {
    const withFilename = { ...node004, filename: '/lts/vmlinuz-2.4.18-mosix' };
    expect(edited(seedConf, (conf) => addHost(conf, withFilename))).toBe(
      beforeGroupEnd +
        'host node004 {\n' +
        'hardware ethernet 00:AA:BB:CC:DD:0E;\n' +
        'fixed-address 192.168.0.4;\n' +
        'filename "/lts/vmlinuz-2.4.18-mosix";\n' +
        '}\n' +
        '}\n',
    );
  });

  it('removes exactly the lines of a host block', () => {
    const node002Block =
      'host node002 {\nhardware ethernet 000:09:30:6A:1C;\nfixed-address 192.168.0.2;\n' +
      'filename "/lts/boot/bootp/vmlinuz.tulip.bootp";\n}\n';
    expect(edited(seedConf, (conf) => removeHost(conf, 'node002'))).toBe(seedConf.replace(node002Block, ''));
    const node003Block = seedConf.slice(seedConf.indexOf('host node003'), seedConf.length - '}\n'.length);
    expect(edited(seedConf, (conf) => removeHost(conf, 'node003'))).toBe(seedConf.replace(node003Block, ''));
  });

  it('leaves the blank line above a removed host to the host below it', () => {
    const node001Block =
      'host node001 {\nhardware ethernet 00:E0:06:E8:00:84;\nfixed-address 192.168.0.1;\n' +
      'filename "/lts/boot/bootp/vmlinuz.eepro100.bootp";\n}\n';
    expect(edited(seedConf, (conf) => removeHost(conf, 'node001'))).toBe(seedConf.replace(node001Block, ''));
  });

  it('replaces a MAC in the case the file writes it', () => {
    expect(edited(seedConf, (conf) => setHostMac(conf, 'node001', '00:e0:06:e8:00:99'))).toBe(
      seedConf.replace('hardware ethernet 00:E0:06:E8:00:84;', 'hardware ethernet 00:E0:06:E8:00:99;'),
    );
  });

  it('replaces an address and a filename, keeping the quotes', () => {
    expect(edited(seedConf, (conf) => setHostAddress(conf, 'node002', '192.168.0.22'))).toBe(
      seedConf.replace('fixed-address 192.168.0.2;', 'fixed-address 192.168.0.22;'),
    );
    expect(edited(seedConf, (conf) => setHostFilename(conf, 'node003', '/lts/boot/pxe/pxelinux.0'))).toBe(
      seedConf.replace('filename "/lts/boot/pxe/pxelinux.bin";', 'filename "/lts/boot/pxe/pxelinux.0";'),
    );
  });

  it('renames only the declaration', () => {
    expect(edited(seedConf, (conf) => renameHost(conf, 'node001', 'mosix-n1'))).toBe(
      seedConf.replace('host node001 {', 'host mosix-n1 {'),
    );
  });
});

describe('host edits on a CRLF file without a final newline', () => {
  const crlf =
    'group {\r\n' +
    '  host a {\r\n' +
    '    hardware ethernet 00:11:22:33:44:55;\r\n' +
    '    fixed-address 10.0.0.1;\r\n' +
    '  }\r\n' +
    '}';

  it('adds with CRLF and keeps the last line without a newline', () => {
    const added = edited(crlf, (conf) =>
      addHost(conf, { name: 'b', mac: '00:11:22:33:44:66', ip: '10.0.0.2' }),
    );
    expect(added).toBe(
      'group {\r\n' +
        '  host a {\r\n' +
        '    hardware ethernet 00:11:22:33:44:55;\r\n' +
        '    fixed-address 10.0.0.1;\r\n' +
        '  }\r\n' +
        '  host b {\r\n' +
        '    hardware ethernet 00:11:22:33:44:66;\r\n' +
        '    fixed-address 10.0.0.2;\r\n' +
        '  }\r\n' +
        '}',
    );
    expect(edited(added, (conf) => removeHost(conf, 'b'))).toBe(crlf);
  });

  it('inserts a missing statement on its own CRLF line, at the block’s inner indentation', () => {
    expect(edited(crlf, (conf) => setHostFilename(conf, 'a', 'pxelinux.0'))).toBe(
      'group {\r\n' +
        '  host a {\r\n' +
        '    hardware ethernet 00:11:22:33:44:55;\r\n' +
        '    fixed-address 10.0.0.1;\r\n' +
        '    filename "pxelinux.0";\r\n' +
        '  }\r\n' +
        '}',
    );
  });

  it('removes the last block of the file and the newline before it', () => {
    const text = 'authoritative;\r\nhost a {\r\n  fixed-address 10.0.0.1;\r\n}';
    expect(edited(text, (conf) => removeHost(conf, 'a'))).toBe('authoritative;');
  });

  it('adds after a last block that has no final newline, with the statements the template lacks', () => {
    const text = 'host a {\r\n  fixed-address 10.0.0.1;\r\n}';
    expect(
      edited(text, (conf) => addHost(conf, { name: 'b', mac: '00:11:22:33:44:66', ip: '10.0.0.2' })),
    ).toBe(
      'host a {\r\n  fixed-address 10.0.0.1;\r\n}\r\n' +
        'host b {\r\n  fixed-address 10.0.0.2;\r\n  hardware ethernet 00:11:22:33:44:66;\r\n}',
    );
  });

  it('edits the hand-written fixture in its own style', () => {
    const text = readFixture('hand-written-crlf.conf');
    const added = edited(text, (conf) =>
      addHost(conf, { name: 'render03', mac: '00:1A:4B:00:10:03', ip: '10.20.0.13' }),
    );
    expect(added).toBe(
      text.slice(0, -1) +
        '\thost render03 {\r\n' +
        '\t\thardware ethernet 00:1a:4b:00:10:03;\r\n' +
        '\t\tfixed-address 10.20.0.13;\r\n' +
        '\t\toption host-name "render03";\r\n' +
        '\t}\r\n' +
        '}',
    );
    expect(edited(text, (conf) => removeHost(conf, 'render02'))).toBe(
      text.replace(
        '\thost render02 { hardware ethernet 00:1a:4b:00:10:02; fixed-address 10.20.0.12; } # new PSU, 2024\r\n',
        '',
      ),
    );
    expect(edited(text, (conf) => setHostFilename(conf, 'render01', 'pxelinux.0'))).toBe(
      text.replace('fixed-address 10.20.0.11; }', 'fixed-address 10.20.0.11; filename "pxelinux.0"; }'),
    );
    expect(edited(text, (conf) => setHostAddress(conf, 'licence', '10.20.0.4'))).toBe(
      text.replace('fixed-address 10.20.0.2, 10.20.0.3;', 'fixed-address 10.20.0.4;'),
    );
    expect(edited(text, (conf) => renameHost(conf, 'licence', 'licence2'))).toBe(
      text.replace('host licence {', 'host licence2 {').replace('"licence"', '"licence2"'),
    );
  });
});

describe('adding a host where there is none to copy', () => {
  const withoutFilename = { name: 'n1', mac: '00:11:22:33:44:55', ip: '10.0.0.1' };
  const newHost = { ...withoutFilename, filename: 'pxelinux.0' };

  it('appends a 2-space block after a blank line', () => {
    expect(edited('authoritative;\n', (conf) => addHost(conf, newHost))).toBe(
      'authoritative;\n' +
        '\n' +
        'host n1 {\n' +
        '  hardware ethernet 00:11:22:33:44:55;\n' +
        '  fixed-address 10.0.0.1;\n' +
        '  filename "pxelinux.0";\n' +
        '}\n',
    );
  });

  it('keeps CRLF and a missing final newline, and puts trailing blank lines after the block', () => {
    expect(edited('authoritative;\r\n\r\n', (conf) => addHost(conf, withoutFilename))).toBe(
      'authoritative;\r\n\r\nhost n1 {\r\n  hardware ethernet 00:11:22:33:44:55;\r\n  fixed-address 10.0.0.1;\r\n}\r\n\r\n',
    );
    expect(edited('authoritative;', (conf) => addHost(conf, newHost))).toBe(
      'authoritative;\n\nhost n1 {\n  hardware ethernet 00:11:22:33:44:55;\n  fixed-address 10.0.0.1;\n  filename "pxelinux.0";\n}',
    );
  });

  it('starts an empty file with the block', () => {
    expect(edited('', (conf) => addHost(conf, newHost))).toBe(
      'host n1 {\n  hardware ethernet 00:11:22:33:44:55;\n  fixed-address 10.0.0.1;\n  filename "pxelinux.0";\n}\n',
    );
  });
});

describe('blocks that share their lines', () => {
  const b = { name: 'b', mac: '00:11:22:33:44:66', ip: '10.0.0.2' };

  it('copies a one-line host onto the next line', () => {
    const text = 'host a { hardware ethernet 00:11:22:33:44:55; fixed-address 10.0.0.1; } # rack 1\n';
    const added = edited(text, (conf) => addHost(conf, b));
    expect(added).toBe(text + 'host b { hardware ethernet 00:11:22:33:44:66; fixed-address 10.0.0.2; }\n');
    expect(edited(added, (conf) => removeHost(conf, 'b'))).toBe(text);
  });

  it('adds and removes a host inside a one-line group', () => {
    const text = 'group { host a { fixed-address 10.0.0.1; } }\n';
    const added = edited(text, (conf) => addHost(conf, b));
    expect(added).toBe(
      'group { host a { fixed-address 10.0.0.1; } host b { fixed-address 10.0.0.2; hardware ethernet 00:11:22:33:44:66; } }\n',
    );
    expect(edited(added, (conf) => removeHost(conf, 'b'))).toBe(text);
    expect(edited(text, (conf) => removeHost(conf, 'a'))).toBe('group { }\n');
  });
});

describe('adding a host to the generated files', () => {
  it('gives a Warewulf node its host-name without the network suffix, brace on the next line', () => {
    const text = readFixture('warewulf.conf');
    const added = edited(text, (conf) =>
      addHost(conf, { name: 'n0005-default', mac: '0C:C4:7A:1D:00:05', ip: '10.0.2.5' }),
    );
    expect(added).toBe(
      text +
        '\nhost n0005-default\n{\n  hardware ethernet 0c:c4:7a:1d:00:05;\n  fixed-address 10.0.2.5;\n  option host-name "n0005";\n}\n',
    );
  });

  it('names an xCAT node in its supersede strings too', () => {
    const text = readFixture('xcat.conf');
    const added = edited(text, (conf) =>
      addHost(conf, { name: 'cn025', mac: '42:3e:0a:00:00:19', ip: '10.0.1.25' }),
    );
    const marker = '#xCAT end of host entries\n';
    expect(added).toBe(
      text.replace(
        marker,
        'host cn025 {\n' +
          '  dynamic;\n' +
          '  hardware ethernet 42:3e:0a:00:00:19;\n' +
          '  fixed-address 10.0.1.25;\n' +
          '        supersede server.ddns-hostname = "cn025";\n' +
          '        supersede host-name = "cn025";\n' +
          '        supersede server.next-server = 0a:00:00:65;\n' +
          '        supersede conf-file = "http://10.0.0.101/install/autoinst/cn025";\n' +
          '}\n' +
          marker,
      ),
    );
  });
});

describe('edits that cannot be made', () => {
  const conf = parseDhcpdConf(seedConf, '/etc/dhcpd.conf');

  it.each([
    [
      'a host name taken',
      () => addHost(conf, { ...node004, name: 'node001' }),
      'host node001 already exists (line 33)',
    ],
    ['an unknown host', () => removeHost(conf, 'node999'), 'no host node999 in /etc/dhcpd.conf'],
    [
      'a MAC that is not one',
      () => setHostMac(conf, 'node001', '00:11:22:33:44:5g'),
      'not a hardware address',
    ],
    [
      'an address that is not one',
      () => setHostAddress(conf, 'node001', '192.168.0.256'),
      'not an IPv4 address',
    ],
    [
      'a name dhcpd would not read',
      () => renameHost(conf, 'node001', 'node 1'),
      'not a host name dhcpd reads',
    ],
    [
      'a rename onto another host',
      () => renameHost(conf, 'node001', 'node002'),
      'host node002 already exists',
    ],
    ['a filename with a newline', () => setHostFilename(conf, 'node001', 'a\nb'), 'control characters'],
  ])('refuses %s', (_, edit, message) => {
    expect(edit).toThrow(DhcpdEditError);
    expect(edit).toThrow(message);
  });

  it('refuses to edit a block that is never closed', () => {
    const open = parseDhcpdConf('host a {\n  fixed-address 10.0.0.1;\n', 'dhcpd.conf');
    expect(() => setHostMac(open, 'a', '00:11:22:33:44:55')).toThrow("host a's block is never closed");
  });
});

const octet = fc.integer({ min: 0, max: 255 });
const newHosts = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9-]{0,14}$/),
  mac: fc
    .array(octet, { minLength: 6, maxLength: 6 })
    .map((octets) => octets.map((value) => value.toString(16).padStart(2, '0')).join(':')),
  ip: fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.')),
  filename: fc.option(fc.stringMatching(/^[A-Za-z0-9/._"\\ -]{1,30}$/), { nil: undefined }),
});

describe('adding then removing a host', () => {
  it.each(confFixtures)('gives back $name byte for byte, and the new host reads back', ({ text }) => {
    const conf = parseDhcpdConf(text, 'dhcpd.conf');
    const taken = new Set(conf.hosts.map((host) => host.name.text));
    fc.assert(
      fc.property(
        newHosts.filter((host) => !taken.has(host.name)),
        ({ filename, ...host }) => {
          const added = applyEdits(
            text,
            addHost(conf, filename === undefined ? host : { ...host, filename }),
          );
          const reparsed = parseDhcpdConf(added, 'dhcpd.conf');
          expect(reparsed.diagnostics).toEqual([]);
          const read = reparsed.hosts.find((candidate) => candidate.name.text === host.name);
          expect(read?.mac?.text.toLowerCase()).toBe(host.mac);
          expect(read?.fixedAddresses.map((address) => address.text)).toEqual([host.ip]);
          if (filename !== undefined) expect(read?.filename?.text.replace(/\\(.)/g, '$1')).toBe(filename);
          expect(applyEdits(added, removeHost(reparsed, host.name))).toBe(text);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives back any generated file, in any layout', () => {
    const layouts = fc.record({
      indent: fc.constantFrom('', '  ', '\t', '    '),
      eol: fc.constantFrom('\n', '\r\n'),
      finalNewline: fc.boolean(),
      braceOnNextLine: fc.boolean(),
      oneLine: fc.boolean(),
      blankBetween: fc.boolean(),
      upperCase: fc.boolean(),
      count: fc.integer({ min: 0, max: 4 }),
    });
    fc.assert(
      fc.property(layouts, newHosts, (layout, host) => {
        const text = generatedConf(layout);
        const conf = parseDhcpdConf(text, 'dhcpd.conf');
        fc.pre(!conf.hosts.some((existing) => existing.name.text === host.name));
        const added = applyEdits(text, addHost(conf, { name: host.name, mac: host.mac, ip: host.ip }));
        const crlf = text.includes('\r\n');
        expect(/(?<!\r)\n/.test(added)).toBe(!crlf);
        expect(added.includes('\r')).toBe(crlf);
        expect(applyEdits(added, removeHost(parseDhcpdConf(added, 'dhcpd.conf'), host.name))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

interface Layout {
  indent: string;
  eol: string;
  finalNewline: boolean;
  braceOnNextLine: boolean;
  oneLine: boolean;
  blankBetween: boolean;
  upperCase: boolean;
  count: number;
}

function generatedConf(layout: Layout): string {
  const { indent, eol } = layout;
  const hosts = Array.from({ length: layout.count }, (_, index) => {
    const mac = `00:1a:4b:00:10:${(index + 10).toString(16)}`;
    const statements = [
      `hardware ethernet ${layout.upperCase ? mac.toUpperCase() : mac};`,
      `fixed-address 10.0.0.${index + 1};`,
    ];
    if (layout.oneLine) return [`${indent}host h${index} { ${statements.join(' ')} }`];
    const open = layout.braceOnNextLine
      ? [`${indent}host h${index}`, `${indent}{`]
      : [`${indent}host h${index} {`];
    return [
      ...open,
      ...statements.map((statement) => `${indent}${indent || '  '}${statement}`),
      `${indent}}`,
    ];
  });
  const body = hosts.flatMap((lines, index) => (layout.blankBetween && index > 0 ? ['', ...lines] : lines));
  const lines = indent ? ['authoritative;', 'group {', ...body, '}'] : ['authoritative;', ...body];
  return lines.join(eol) + (layout.finalNewline ? eol : '');
}
