import { describe, expect, it } from 'vitest';
import { parseDhcpdConf } from '../../../../../shared/config/dhcpd/parse.js';
import { syntaxErrors } from './syntax-errors.js';

describe('syntax errors', () => {
  it.each(syntaxErrors)('$title gives one clear diagnostic where it is', ({ text, expected }) => {
    const { diagnostics } = parseDhcpdConf(text, '/etc/dhcpd.conf');
    expect(diagnostics.map((d) => `${d.location.line}:${d.location.column} ${d.message}`)).toEqual([
      expected,
    ]);
    expect(diagnostics[0]).toMatchObject({
      code: 'dhcpd/syntax',
      severity: 'error',
      location: { file: '/etc/dhcpd.conf' },
    });
  });

  it('parses on after an error: the next host is read whole', () => {
    const conf = parseDhcpdConf(
      'host a {\n  hardware ethernet 00:11:22:33:44:55\n}\nhost b {\n  hardware ethernet 00:11:22:33:44:56;\n  fixed-address 10.0.0.2;\n}\n',
      'dhcpd.conf',
    );
    expect(conf.diagnostics).toHaveLength(1);
    expect(conf.hosts.map((host) => [host.name.text, host.mac?.text, host.fixedAddresses[0]?.text])).toEqual([
      ['a', '00:11:22:33:44:55', undefined],
      ['b', '00:11:22:33:44:56', '10.0.0.2'],
    ]);
  });

  it('reads a host’s addresses up to the missing `;`', () => {
    const conf = parseDhcpdConf('host a { fixed-address 10.0.0.1, 10.0.0.2 filename "x"; }\n', 'dhcpd.conf');
    expect(conf.hosts[0]?.fixedAddresses.map((address) => address.text)).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('keeps a missing statement end from swallowing the next declaration', () => {
    const conf = parseDhcpdConf('filename "pxelinux.0"\nhost a { fixed-address 10.0.0.1; }\n', 'dhcpd.conf');
    expect(conf.diagnostics.map((d) => d.message)).toEqual([`expected ';' after 'filename "pxelinux.0"'`]);
    expect(conf.hosts.map((host) => host.name.text)).toEqual(['a']);
  });

  it('stays quiet about what an unterminated string swallowed', () => {
    const conf = parseDhcpdConf('group {\n  host a {\n    filename "x;\n  }\n}\n', 'dhcpd.conf');
    expect(conf.diagnostics.map((d) => d.message)).toEqual(['unterminated string']);
  });
});
