import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addHost,
  parseDhcpdConf,
  removeHost,
  renameHost,
  setHostAddress,
  setHostFilename,
  setHostMac,
  type DhcpdConf,
} from '../../../../../shared/config/dhcpd/index.js';
import { applyEdits, type TextEdit } from '../../../../../shared/config/source.js';
import { skipReason } from '../../../../support/prerequisites.js';
import { confFixtures, readFixture, seedConf, seedLeasesPath } from './fixtures.js';
import { generatedClusterConf } from './generated-cluster.js';
import { checkConf, checkLeases, missingDhcpd } from '../../../../support/dhcpd.js';
import { syntaxErrors } from './syntax-errors.js';

/** Under CI a missing dhcpd fails here; elsewhere the suite skips, named after what to install. */
const skip = skipReason(missingDhcpd);

/** Every kind of edit, on the first and the last host of a file (or the one add a file without hosts allows). */
function editsOf(conf: DhcpdConf): { title: string; text: string }[] {
  const first = conf.hosts[0]?.name.text;
  const last = conf.hosts[conf.hosts.length - 1]?.name.text;
  const newHost = { name: 'added-node', mac: '02:00:5e:10:00:99', ip: '192.168.200.99' };
  const edits: [string, (conf: DhcpdConf) => TextEdit[]][] = [
    ['addHost', (c) => addHost(c, newHost)],
    ['addHost with a filename', (c) => addHost(c, { ...newHost, filename: '/tftpboot/pxelinux.0' })],
  ];
  if (first && last) {
    edits.push(
      ['removeHost (first)', (c) => removeHost(c, first)],
      ['removeHost (last)', (c) => removeHost(c, last)],
      ['setHostMac', (c) => setHostMac(c, first, '02:00:5e:10:00:98')],
      ['setHostAddress', (c) => setHostAddress(c, last, '192.168.200.98')],
      ['setHostFilename', (c) => setHostFilename(c, first, '/tftpboot/lts/"odd" name.0')],
      ['renameHost', (c) => renameHost(c, last, 'renamed-node')],
    );
  }
  return edits.map(([title, edit]) => ({ title, text: applyEdits(conf.text, edit(conf)) }));
}

describe.skipIf(skip !== undefined)(skip ?? 'ISC dhcpd -t', () => {
  it.each(confFixtures)('accepts $name', ({ text }) => {
    const verdict = checkConf(text);
    expect(verdict.output).not.toMatch(/ line \d+: /);
    expect(verdict.ok).toBe(true);
  });

  it.each(confFixtures)('accepts every edit of $name', ({ name, text }) => {
    for (const edited of editsOf(parseDhcpdConf(text, name))) {
      expect(parseDhcpdConf(edited.text, name).diagnostics, edited.title).toEqual([]);
      const verdict = checkConf(edited.text);
      expect(verdict.ok, `${edited.title}: ${verdict.output}`).toBe(true);
    }
  });

  it('accepts the generated 65,535-host file', () => {
    expect(checkConf(generatedClusterConf(65_535)).ok).toBe(true);
  });

  it.each(syntaxErrors)('rejects $title, as the parser does', ({ text }) => {
    expect(parseDhcpdConf(text, 'dhcpd.conf').diagnostics).not.toEqual([]);
    expect(checkConf(text).ok).toBe(false);
  });

  it('reads the lease files with their configs', () => {
    const seedLeases = readFileSync(seedLeasesPath, 'utf8');
    expect(checkLeases(seedConf, seedLeases)).toMatchObject({ ok: true });
    const subnet = 'subnet 10.0.0.0 netmask 255.255.0.0 { range 10.0.200.1 10.0.200.254; }\n';
    expect(checkLeases(subnet, readFixture('isc-dhcp-4.4.leases'))).toMatchObject({ ok: true });
    expect(checkLeases(subnet, 'lease 10.0.200.7 {\n  starts 4 2026/11/19 09:12:01\n}\n')).toMatchObject({
      ok: false,
    });
  });
});
