/** ISC dhcpd.conf and dhcpd.leases: the parsers, the host edits, and the types they return. */
export { parseDhcpdConf, writeDhcpdConf, type DhcpdConf } from './parse.js';
export {
  addHost,
  removeHost,
  renameHost,
  setHostAddress,
  setHostFilename,
  setHostMac,
  DhcpdEditError,
  type NewDhcpdHost,
} from './edit.js';
export {
  currentLeases,
  parseLeases,
  parseUndatedLeases,
  type DhcpdLeases,
  type Lease,
  type LeaseHost,
  type UndatedLease,
} from './leases.js';
export { syntaxCode } from './structure.js';
export type { DhcpdBlock, DhcpdConditional, DhcpdNode, DhcpdStatement, Expression } from './syntax.js';
export type { Token, TokenKind } from './tokenize.js';
export type {
  DhcpdBranch,
  DhcpdGlobals,
  DhcpdHost,
  DhcpdHostNameExpression,
  DhcpdHostTable,
  DhcpdOption,
  DhcpdRange,
  DhcpdScope,
  DhcpdSetting,
  DhcpdSubnet,
  DhcpdValue,
  DhcpdViews,
} from './views.js';
