import { describe, expect, it } from 'vitest';
import { parseDhcpdConf, writeDhcpdConf } from '../../../../../shared/config/dhcpd/parse.js';
import type { DhcpdBlock, DhcpdConditional, DhcpdNode } from '../../../../../shared/config/dhcpd/syntax.js';
import { expressionText } from './expression-text.js';
import { confFixtures, readFixture, seedConf } from './fixtures.js';

function blocks(nodes: readonly DhcpdNode[]): DhcpdBlock[] {
  return nodes.filter((node): node is DhcpdBlock => node.kind === 'block');
}

describe('every fixture', () => {
  it.each(confFixtures)(
    '$name parses without diagnostics and writes back byte for byte',
    ({ name, text }) => {
      const conf = parseDhcpdConf(text, name);
      expect(conf.diagnostics).toEqual([]);
      expect(writeDhcpdConf(conf)).toBe(text);
    },
  );
});

describe('the seed cluster dhcpd.conf', () => {
  const conf = parseDhcpdConf(seedConf, '/etc/dhcpd.conf');

  it('has the cluster subnet, its dynamic-bootp range and its shared-network', () => {
    expect(conf.subnets).toHaveLength(1);
    const [subnet] = conf.subnets;
    expect(subnet).toMatchObject({
      network: '192.168.0.0',
      netmask: '255.255.255.0',
      sharedNetwork: 'NODES',
      line: 13,
      lastLine: 27,
    });
    expect(subnet?.ranges.map(({ statement: _, ...range }) => range)).toEqual([
      { start: '192.168.0.100', end: '192.168.0.253', dynamicBootp: true, line: 14 },
    ]);
  });

  it('has the three nodes with their MACs as written, addresses, filenames and lines', () => {
    const hosts = conf.hosts.map((host) => ({
      name: host.name.text,
      mac: host.mac?.text,
      macLine: host.mac?.line,
      addresses: host.fixedAddresses.map((address) => `${address.text}@${address.line}`),
      filename: host.filename?.text,
      filenameLine: host.filename?.line,
      lines: [host.firstLine, host.lastLine],
      scopes: host.scopes.map((scope) => scope.keyword),
      useHostDeclNames: host.useHostDeclNames,
    }));
    expect(hosts).toEqual([
      {
        name: 'node001',
        mac: '00:E0:06:E8:00:84',
        macLine: 34,
        addresses: ['192.168.0.1@35'],
        filename: '/lts/boot/bootp/vmlinuz.eepro100.bootp',
        filenameLine: 36,
        lines: [33, 37],
        scopes: ['group'],
        useHostDeclNames: true,
      },
      {
        name: 'node002',
        mac: '000:09:30:6A:1C',
        macLine: 39,
        addresses: ['192.168.0.2@40'],
        filename: '/lts/boot/bootp/vmlinuz.tulip.bootp',
        filenameLine: 41,
        lines: [38, 42],
        scopes: ['group'],
        useHostDeclNames: true,
      },
      {
        name: 'node003',
        mac: '000:09:30:28:B2',
        macLine: 44,
        addresses: ['192.168.0.3@45'],
        filename: '/lts/boot/pxe/pxelinux.bin',
        filenameLine: 47,
        lines: [43, 48],
        scopes: ['group'],
        useHostDeclNames: true,
      },
    ]);
  });

  it('keeps each value with the offsets of its token, quotes included', () => {
    const node001 = conf.hosts[0];
    const filename = node001?.filename;
    expect(filename?.quoted).toBe(true);
    expect(seedConf.slice(filename?.start, filename?.end)).toBe('"/lts/boot/bootp/vmlinuz.eepro100.bootp"');
    expect(seedConf.slice(node001?.mac?.start, node001?.mac?.end)).toBe('00:E0:06:E8:00:84');
    expect(node001?.mac?.column).toBe(19);
  });

  it('has the global options, unquoted, with their lines', () => {
    const { options } = conf.globals;
    expect(options['root-path']).toMatchObject({ text: '192.168.0.254:/opt/ltsp/i386', line: 11 });
    expect(options['routers']?.text).toBe('192.168.0.254');
    expect(options['domain-name']?.text).toBe('mosix');
    expect(Object.keys(options)).toEqual([
      'subnet-mask',
      'broadcast-address',
      'routers',
      'domain-name-servers',
      'domain-name',
      'root-path',
    ]);
    expect(conf.globals.useHostDeclNames).toBeUndefined();
    expect(conf.globals.nextServers).toEqual([]);
    expect(conf.includes).toEqual([]);
  });

  it('has the PXE and non-PXE filenames of the if/else, and the hosts', () => {
    const filenames = conf.globals.filenames.map((setting) => ({
      text: setting.value.text,
      line: setting.value.line,
      conditional: setting.conditional,
      branch: setting.branch?.keyword,
      condition: setting.branch?.condition,
      scopes: setting.scopes.map((scope) => scope.label),
    }));
    const condition = 'substring (option vendor-class-identifier, 0, 9) = "PXEClient"';
    expect(filenames.slice(0, 2)).toEqual([
      {
        text: '/lts/pxe/pxelinux.bin',
        line: 19,
        conditional: true,
        branch: 'if',
        condition,
        scopes: ['NODES', '192.168.0.0 netmask 255.255.255.0'],
      },
      {
        text: '/lts/vmlinuz-2.4.18-mosix',
        line: 23,
        conditional: true,
        branch: 'else',
        condition: undefined,
        scopes: ['NODES', '192.168.0.0 netmask 255.255.255.0'],
      },
    ]);
    expect(
      filenames.slice(2).map((filename) => [filename.line, filename.conditional, filename.scopes]),
    ).toEqual([
      [36, false, ['', 'node001']],
      [41, false, ['', 'node002']],
      [47, false, ['', 'node003']],
    ]);
  });

  it('has the expression that makes up host names', () => {
    const rule = conf.globals.hostNameExpression;
    expect(rule?.line).toBe(24);
    expect(rule?.conditional).toBe(true);
    expect(rule?.text).toBe(
      'concat("node" , binary-to-ascii( 10, 8, "",\nsubstring(reverse( 1, leased-address), 0, 1)))',
    );
    expect(rule && expressionText(seedConf, rule.expression)).toBe(
      'concat("node", binary-to-ascii(10, 8, "", substring(reverse(1, leased-address), 0, 1)))',
    );
  });

  it('is a tree of statements, blocks and an if/else whose braces sit on their own lines', () => {
    expect(conf.body.map((node) => `${node.kind}:${node.keyword}`)).toEqual([
      'statement:default-lease-time',
      'statement:max-lease-time',
      'statement:ddns-update-style',
      'statement:allow',
      'statement:allow',
      ...Array<string>(6).fill('statement:option'),
      'block:shared-network',
      'block:group',
    ]);
    const subnet = blocks(blocks(conf.body)[0]?.body ?? [])[0];
    const conditional = subnet?.body.find((node): node is DhcpdConditional => node.kind === 'conditional');
    expect(conditional).toMatchObject({ keyword: 'if', firstLine: 17, lastLine: 26, indent: '' });
    expect(
      conditional?.branches.map((branch) => [branch.keyword, branch.open.line, branch.close?.line]),
    ).toEqual([
      ['if', 18, 20],
      ['else', 22, 26],
    ]);
    const condition = conditional?.branches[0]?.expression;
    expect(condition && expressionText(seedConf, condition)).toBe(
      '[substring(option vendor-class-identifier, 0, 9) = "PXEClient"]',
    );
  });

  it('gives each node its span, lines and indentation', () => {
    const group = blocks(conf.body)[1];
    const node003 = blocks(group?.body ?? [])[2];
    expect(node003).toMatchObject({ keyword: 'host', firstLine: 43, lastLine: 48, indent: '' });
    expect(seedConf.slice(node003?.start, node003?.end)).toMatch(
      /^host node003 \{\n[^]*pxelinux\.bin";\n\}$/,
    );
    const statement = node003?.body[0];
    expect(statement?.kind === 'statement' && statement.words.map((word) => word.kind)).toEqual([
      'word',
      'word',
      'word',
    ]);
    expect(statement?.kind === 'statement' && statement.semicolon?.column).toBe(34);
  });
});

describe('the Debian example dhcpd.conf', () => {
  const conf = parseDhcpdConf(readFixture('debian-example.conf'), 'debian-example.conf');

  it('has its global options and lists, and nothing else (the rest is commented out)', () => {
    expect(conf.globals.options['domain-name']?.text).toBe('example.org');
    const servers = conf.globals.options['domain-name-servers'];
    expect(servers?.text).toBe('ns1.example.org, ns2.example.org');
    expect(servers?.values.map((value) => value.text)).toEqual(['ns1.example.org', 'ns2.example.org']);
    expect(conf.subnets).toEqual([]);
    expect(conf.hosts).toEqual([]);
    expect(conf.body.map((node) => node.keyword)).toEqual([
      'option',
      'option',
      'default-lease-time',
      'max-lease-time',
      'ddns-update-style',
    ]);
    expect(conf.comments.length).toBeGreaterThan(80);
  });
});

describe('the LTSP-style dhcpd.conf', () => {
  const text = readFixture('ltsp.conf');
  const conf = parseDhcpdConf(text, 'ltsp.conf');

  it('has the workstation subnet, the PXE/kernel branches and the workstations', () => {
    expect(
      conf.subnets.map(({ block: _, ranges, ...subnet }) => ({ ...subnet, ranges: ranges.length })),
    ).toEqual([
      {
        network: '192.168.0.0',
        netmask: '255.255.255.0',
        sharedNetwork: 'WORKSTATIONS',
        line: 24,
        lastLine: 41,
        ranges: 1,
      },
    ]);
    expect(conf.subnets[0]?.ranges[0]).toMatchObject({ start: '192.168.0.100', end: '192.168.0.199' });
    expect(conf.hosts.map((host) => [host.name.text, host.mac?.text, host.fixedAddresses[0]?.text])).toEqual([
      ['ws001', '00:E0:06:E8:00:84', '192.168.0.1'],
      ['ws002', '00:D0:09:30:6A:1C', '192.168.0.2'],
      ['ws003', '00:0C:29:4F:8E:35', '192.168.0.3'],
    ]);
    expect(conf.hosts.map((host) => host.block.indent)).toEqual(['    ', '    ', '    ']);
    expect(
      conf.globals.filenames.filter((setting) => setting.conditional).map((setting) => setting.value.text),
    ).toEqual(['/lts/2.6.17.8-ltsp-1/pxelinux.0', '/lts/vmlinuz-2.6.17.8-ltsp-1']);
  });

  it('reads option values and option definitions apart', () => {
    expect(conf.globals.options['root-path']?.text).toBe('192.168.0.254:/opt/ltsp/i386');
    expect(conf.globals.options['domain-name']?.text).toBe('ltsp');
    expect(conf.globals.options['option-128']).toBeUndefined(); // a definition, and a value inside the subnet
  });
});

describe('the Warewulf-style dhcpd.conf', () => {
  const conf = parseDhcpdConf(readFixture('warewulf.conf'), 'warewulf.conf');

  it('has the node blocks with their braces on the next line and their host names', () => {
    expect(
      conf.hosts.map((host) => [host.name.text, host.hostName?.text, host.firstLine, host.block.open.line]),
    ).toEqual([
      ['n0001-default', 'n0001', 42, 43],
      ['n0002-default', 'n0002', 49, 50],
      ['n0003-default', 'n0003', 56, 57],
      ['n0004-default', 'n0004', 63, 64],
    ]);
    expect(conf.hosts[3]?.mac?.text).toBe('0c:c4:7a:1d:00:04');
  });

  it('has the iPXE and per-architecture filenames, all conditional, and the subnet next-server', () => {
    const filenames = conf.globals.filenames;
    expect(filenames).toHaveLength(7);
    expect(filenames.every((setting) => setting.conditional)).toBe(true);
    expect(filenames[0]?.branch?.condition).toBe('exists user-class and option user-class = "iPXE"');
    expect(filenames[1]?.branch).toMatchObject({
      keyword: 'if',
      condition: 'option architecture-type = 00:0B',
    });
    expect(filenames[6]?.branch).toMatchObject({
      keyword: 'elsif',
      condition: 'option architecture-type = 00:00',
    });
    expect(
      conf.globals.nextServers.map((setting) => [setting.value.text, setting.scopes[0]?.keyword]),
    ).toEqual([['10.0.0.1', 'subnet']]);
    expect(conf.subnets[0]?.ranges[0]).toMatchObject({
      start: '10.0.1.1',
      end: '10.0.1.254',
      dynamicBootp: false,
    });
  });
});

describe('the xCAT-style dhcpd.conf', () => {
  const text = readFixture('xcat.conf');
  const conf = parseDhcpdConf(text, 'xcat.conf');

  it('has both shared-networks, the many hosts and the xCAT markers as comments', () => {
    expect(conf.subnets.map((subnet) => [subnet.network, subnet.netmask, subnet.sharedNetwork])).toEqual([
      ['10.0.0.0', '255.255.0.0', 'eth1'],
      ['192.168.122.0', '255.255.255.0', 'eth0'],
    ]);
    expect(conf.hosts).toHaveLength(24);
    expect(conf.hosts[23]).toMatchObject({ name: { text: 'cn024' }, mac: { text: '42:3e:0a:00:00:18' } });
    expect(conf.hosts[23]?.fixedAddresses.map((address) => address.text)).toEqual(['10.0.1.24']);
    const markers = conf.comments.filter((comment) => text.startsWith('#xCAT', comment.start));
    expect(markers.map((comment) => comment.line)).toEqual([1, 27, 96, 313]);
  });

  it('reads `filename = "…"` as a filename and keeps option definitions out of the options', () => {
    const filenames = conf.globals.filenames.map((setting) => setting.value.text);
    expect(filenames.slice(0, 3)).toEqual([
      'http://10.0.0.101/tftpboot/xcat/xnba/nets/10.0.0.0_16',
      'http://10.0.0.101/tftpboot/xcat/xnba/nets/10.0.0.0_16.uefi',
      'xcat/xnba.kpxe',
    ]);
    expect(conf.globals.filenames[1]?.branch?.keyword).toBe('elsif');
    expect(Object.keys(conf.globals.options)).toEqual(['tcode', 'gpxe.no-pxedhcp']);
    expect(conf.globals.options['tcode']?.text).toBe('America/New_York');
  });
});

describe('the hand-written CRLF dhcpd.conf', () => {
  const text = readFixture('hand-written-crlf.conf');
  const conf = parseDhcpdConf(text, 'hand-written-crlf.conf');

  it('keeps its CRLF endings and its missing final newline', () => {
    expect(
      text.split('\n').every((line, index, all) => index === all.length - 1 || line.endsWith('\r')),
    ).toBe(true);
    expect(text.endsWith('}')).toBe(true);
  });

  it('has one-line hosts, a host with two addresses and a pool range in its subnet', () => {
    expect(conf.hosts.map((host) => [host.name.text, host.firstLine, host.lastLine])).toEqual([
      ['render01', 24, 24],
      ['render02', 25, 25],
      ['licence', 28, 32],
    ]);
    expect(conf.hosts[2]?.fixedAddresses.map((address) => address.text)).toEqual(['10.20.0.2', '10.20.0.3']);
    expect(conf.hosts[2]?.hostName?.text).toBe('licence');
    expect(conf.hosts[2]?.block.indent).toBe('\t');
    expect(conf.subnets[0]?.ranges.map((range) => [range.start, range.end, range.line])).toEqual([
      ['10.20.0.100', '10.20.0.150', 16],
    ]);
    expect(conf.globals.nextServers.map((setting) => [setting.value.text, setting.scopes.length])).toEqual([
      ['10.20.0.1', 0],
    ]);
    expect(conf.globals.options['domain-name-servers']?.values.map((value) => value.text)).toEqual([
      '10.20.0.1',
      '10.20.0.2',
    ]);
  });

  it('ends comments before the CR of a CRLF line', () => {
    const comment = conf.comments.find((candidate) => candidate.line === 6);
    expect(text.slice(comment?.start, comment?.end)).toBe('# one hour');
  });
});

describe('the rest of the grammar', () => {
  const parses = (text: string): void => {
    const conf = parseDhcpdConf(text, 'dhcpd.conf');
    expect(conf.diagnostics).toEqual([]);
    expect(writeDhcpdConf(conf)).toBe(text);
  };

  it.each([
    ['include', 'include "/etc/dhcp/hosts.conf";'],
    ['option space and a record type', 'option space pxelinux;\noption foo code 224 = { ip-address, text };'],
    [
      'an encapsulated option',
      'option pxelinux.magic code 208 = string;\noption pxelinux.magic f1:00:74:7e;',
    ],
    [
      'a key and a zone',
      'key k { algorithm hmac-md5; secret "c2VjcmV0"; };\nzone example.org. { primary 1.2.3.4; key k; }',
    ],
    [
      'a failover peer and its pool',
      'failover peer "fo" { primary; address 10.0.0.1; port 647; peer address 10.0.0.2; split 128; }\n' +
        'subnet 10.0.0.0 netmask 255.0.0.0 { pool { failover peer "fo"; range 10.0.0.5 10.0.0.9; deny dynamic bootp clients; } }',
    ],
    [
      'classes and subclasses',
      'class "pxe" { match if substring(option vendor-class-identifier, 0, 9) = "PXEClient"; }\n' +
        'subclass "pxe" 1:00:11:22:33:44:55;\nsubclass "pxe" 1:00:11:22:33:44:56 { option root-path "x"; }',
    ],
    [
      'spawn and match',
      'class "c" { match pick-first-value (option dhcp-client-identifier, hardware); spawn with option agent.circuit-id; lease limit 4; }',
    ],
    [
      'events with set, log and execute',
      'on commit { set clip = binary-to-ascii(10, 8, ".", leased-address); log(info, concat("lease ", clip)); ' +
        'execute("/usr/local/bin/hook", clip); unset clip; }\non release or expiry { log(error, "gone"); }',
    ],
    [
      'if / elsif / else if / else',
      'if known { a; } elsif not exists user-class { b; } else if option x ~~ "^a" { c; } else { d; }',
    ],
    [
      'operators',
      'if (option a != 00:07) and packet(24, 4) ~= "x" or suffix(option b, 3) = encode-int(1 + 2 * 3, 8) { e; }',
    ],
    [
      'config-option, extract-int and a call without arguments',
      'if config-option domain-name = gethostname() { filename = concat(lcase(option host-name), ".cfg"); }',
    ],
    [
      'IPv6',
      'subnet6 2001:db8:0:1::/64 { range6 2001:db8:0:1::129 2001:db8:0:1::254; prefix6 2001:db8:0:100:: 2001:db8:0:f00:: /56; }\nhost h { host-identifier option dhcp6.client-id 00:01:00:01:4a:1f:ba:e3:60:b9:1f:01:23:45; fixed-address6 2001:db8:0:1::127; }',
    ],
    ['a quoted string with escapes', 'option domain-name "a\\"b\\\\c\\101";'],
    ['a string over two lines', 'filename "multi\nline";'],
    ['empty statements', 'key k { secret "x"; };;'],
    ['switch', 'switch (option user-class) { case "a": filename "a"; }'],
  ])('%s', (_, text) => parses(text));

  it('reads includes, their file names and lines', () => {
    const conf = parseDhcpdConf('# hosts\ninclude "/etc/dhcp/hosts.conf";\n', 'dhcpd.conf');
    expect(conf.includes).toMatchObject([{ text: '/etc/dhcp/hosts.conf', line: 2, quoted: true }]);
  });

  it('gives a pool range of a shared-network to the subnet it falls in', () => {
    const conf = parseDhcpdConf(
      'shared-network n { subnet 10.0.0.0 netmask 255.255.255.0 { } subnet 10.0.1.0 netmask 255.255.255.0 { }\n' +
        'pool { range 10.0.1.10 10.0.1.20; } }',
      'dhcpd.conf',
    );
    expect(conf.subnets.map((subnet) => subnet.ranges.map((range) => range.start))).toEqual([
      [],
      ['10.0.1.10'],
    ]);
  });

  it('takes use-host-decl-names from the innermost scope that sets it', () => {
    const conf = parseDhcpdConf(
      'use-host-decl-names on;\ngroup { use-host-decl-names off; host a { } }\nhost b { }\n',
      'dhcpd.conf',
    );
    expect(conf.globals.useHostDeclNames).toBe(true);
    expect(conf.hosts.map((host) => [host.name.text, host.useHostDeclNames])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });
});

describe('the host table, read in place', () => {
  const conf = parseDhcpdConf(
    [
      'host a { hardware ethernet 00:E0:06:E8:00:84; fixed-address 10.0.0.1, 10.0.0.2; }',
      'host "b c" { hardware ethernet "00:e0:06:e8:00:85"; fixed-address "10.0.0.3", node9; }',
      'host d { hardware ethernet 0:e0:6:e8:0:84; }',
      '',
    ].join('\n'),
    '/etc/dhcpd.conf',
  );
  const table = conf.hostTable;
  const hosts = [0, 1, 2];

  it('compares names without making them, quoted ones by their content', () => {
    expect(hosts.map((host) => table.nameIs(host, table.nameText(host)))).toEqual([true, true, true]);
    expect(table.nameIs(1, '"b c"')).toBe(false);
    expect(table.nameIs(0, 'ab')).toBe(false);
  });

  it('reads plain MACs and IPv4 addresses as numbers, leaving the rest to their texts', () => {
    expect(hosts.map((host) => table.macNumber(host))).toEqual([0x00e006e80084, -1, -1]);
    expect(hosts.map((host) => table.macText(host))).toEqual([
      '00:E0:06:E8:00:84',
      '00:e0:06:e8:00:85',
      '0:e0:6:e8:0:84',
    ]);
    expect(hosts.map((host) => table.fixedAddressCount(host))).toEqual([2, 2, 0]);
    expect([
      table.fixedIpv4(0, 0),
      table.fixedIpv4(0, 1),
      table.fixedIpv4(1, 0),
      table.fixedIpv4(1, 1),
    ]).toEqual([0x0a000001, 0x0a000002, -1, -1]);
    expect(table.fixedAddressTexts(1)).toEqual(['10.0.0.3', 'node9']);
  });
});
