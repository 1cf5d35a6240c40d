/** Reads the cluster model's facts out of the dhcpd.conf and dhcpd.leases parsers' views. */
import type { Diagnostic } from '../config/diagnostic.js';
import {
  addHost,
  parseDhcpdConf,
  parseUndatedLeases,
  removeHost,
  renameHost,
  setHostAddress,
  setHostMac,
  type DhcpdConf,
  type DhcpdOption,
  type DhcpdSetting,
  type DhcpdHost,
} from '../config/dhcpd/index.js';
import type { TextEdit } from '../config/source.js';
import type { DhcpdFacts, DhcpdHostFacts, LeaseFacts, LineValue } from './dhcpd-facts.js';

/** Edits of dhcpd.conf the operations make, against the text that was parsed. */
export interface DhcpdEditor {
  addHost(host: { name: string; mac: string; address: string }): TextEdit[];
  removeHost(name: string): TextEdit[];
  setHostMac(name: string, mac: string): TextEdit[];
  setHostAddress(name: string, address: string): TextEdit[];
  renameHost(oldName: string, newName: string): TextEdit[];
}

export interface ParsedDhcpd {
  conf: DhcpdConf;
  facts: DhcpdFacts;
  diagnostics: Diagnostic[];
  editor: DhcpdEditor;
}

const optionValue = (option: DhcpdOption | undefined): LineValue | undefined =>
  option ? { text: option.values[0]?.text ?? option.text, line: option.line } : undefined;

/** `concat("node", binary-to-ascii(10, 8, "", substring(reverse(1, leased-address), 0, 1)))` → `node`. */
const LAST_OCTET_NAME =
  /^concat\(\s*"([^"]*)"\s*,\s*binary-to-ascii\(\s*10\s*,\s*8\s*,\s*""\s*,\s*substring\(\s*reverse\(\s*1\s*,\s*leased-address\s*\)\s*,\s*0\s*,\s*1\s*\)\s*\)\s*\)$/;

function generatedNamePrefix(conf: DhcpdConf): LineValue | undefined {
  const expression = conf.globals.hostNameExpression;
  const prefix = LAST_OCTET_NAME.exec(
    expression?.text.replace(/\s+/g, ' ').replace(/\s*\(\s*/g, '(') ?? '',
  )?.[1];
  return expression && prefix !== undefined ? { text: prefix, line: expression.line } : undefined;
}

const outsideHosts = (setting: DhcpdSetting) => setting.scopes.every((scope) => scope.keyword !== 'host');

/**
 * A host's facts, read from the parser's view of it when asked: 65,535 hosts are not copied,
 * and their values are made only while a reader needs them.
 */
class HostFacts implements DhcpdHostFacts {
  readonly name: string;

  constructor(private readonly host: DhcpdHost) {
    this.name = host.name.text;
  }

  get line(): number {
    return this.host.firstLine;
  }

  get lastLine(): number {
    return this.host.lastLine;
  }

  get macs(): LineValue[] {
    const { mac } = this.host;
    return mac ? [mac] : [];
  }

  get addresses(): LineValue[] {
    return this.host.fixedAddresses;
  }

  get filename(): LineValue | undefined {
    return this.host.filename;
  }
}

function factsOf(conf: DhcpdConf): DhcpdFacts {
  const { globals } = conf;
  const facts: DhcpdFacts = {
    file: conf.file,
    subnets: conf.subnets.map((subnet) => ({
      network: subnet.network,
      netmask: subnet.netmask,
      line: subnet.line,
      ranges: subnet.ranges.map(({ start, end, dynamicBootp, line }) => ({ start, end, dynamicBootp, line })),
    })),
    hosts: conf.hosts.map((host) => new HostFacts(host)),
    defaultFilenames: globals.filenames.filter(outsideHosts).map((setting) => setting.value),
  };
  const rootPath = optionValue(globals.options['root-path']);
  const routers = optionValue(globals.options['routers']);
  const nextServer = globals.nextServers.find((setting) => setting.scopes.length === 0);
  const prefix = generatedNamePrefix(conf);
  if (rootPath) facts.rootPath = rootPath;
  if (routers) facts.routers = routers;
  if (nextServer) facts.nextServer = nextServer.value;
  if (prefix) facts.generatedNamePrefix = prefix;
  return facts;
}

export function parseDhcpdFacts(text: string, file: string): ParsedDhcpd {
  const conf = parseDhcpdConf(text, file);
  return {
    conf,
    facts: factsOf(conf),
    diagnostics: conf.diagnostics,
    editor: {
      addHost: ({ name, mac, address }) => addHost(conf, { name, mac, ip: address }),
      removeHost: (name) => removeHost(conf, name),
      setHostMac: (name, mac) => setHostMac(conf, name, mac),
      setHostAddress: (name, address) => setHostAddress(conf, name, address),
      renameHost: (oldName, newName) => renameHost(conf, oldName, newName),
    },
  };
}

export function parseLeaseFacts(
  text: string,
  file: string,
): { file: string; leases: LeaseFacts[]; diagnostics: Diagnostic[] } {
  const parsed = parseUndatedLeases(text, file);
  const leases = parsed.leases.map((lease): LeaseFacts => {
    const facts: LeaseFacts = { address: lease.ip, line: lease.line };
    if (lease.macAsWritten !== undefined) facts.mac = lease.macAsWritten;
    if (lease.bindingState !== undefined) facts.state = lease.bindingState;
    if (lease.ends !== undefined) facts.ends = lease.ends;
    if (lease.clientHostname !== undefined) facts.clientHostname = lease.clientHostname;
    if (lease.vendorClass !== undefined) facts.vendorClass = lease.vendorClass;
    return facts;
  });
  return { file, leases, diagnostics: parsed.diagnostics };
}
