import { describe, expect, it } from 'vitest';
import { addHost, removeHost } from '../../../../../shared/config/dhcpd/edit.js';
import { parseDhcpdConf, writeDhcpdConf } from '../../../../../shared/config/dhcpd/parse.js';
import { applyEdits } from '../../../../../shared/config/source.js';
import { generatedClusterConf, nodeAddress, nodeMac, nodeName } from './generated-cluster.js';

/** The largest cluster openMosix numbers: 65,535 nodes (how long it takes is measured, not asserted). */
describe('a 65,535-host dhcpd.conf', () => {
  const text = generatedClusterConf(65_535);
  const conf = parseDhcpdConf(text, 'dhcpd.conf');

  it('parses whole, without diagnostics, and writes back unchanged', () => {
    expect(text.length).toBeGreaterThan(5_000_000);
    expect(conf.diagnostics).toEqual([]);
    expect(writeDhcpdConf(conf)).toBe(text);
  });

  it('has every host with its values and lines', () => {
    expect(conf.hosts).toHaveLength(65_535);
    const last = conf.hosts[65_534];
    expect(last?.name.text).toBe(nodeName(65_535));
    expect(last?.mac?.text).toBe(nodeMac(65_535));
    expect(last?.fixedAddresses[0]?.text).toBe(nodeAddress(65_535));
    expect([last?.firstLine, last?.lastLine]).toEqual([8 + 4 * 65_534 + 1, 8 + 4 * 65_535]);
    expect(new Set(conf.hosts.map((host) => host.fixedAddresses[0]?.text)).size).toBe(65_535);
  });

  it('takes a host out and puts it back', () => {
    const removed = applyEdits(text, removeHost(conf, nodeName(65_535)));
    const readded = addHost(parseDhcpdConf(removed, 'dhcpd.conf'), {
      name: nodeName(65_535),
      mac: nodeMac(65_535),
      ip: nodeAddress(65_535),
    });
    expect(applyEdits(removed, readded)).toBe(text);
  });
});
