import type { Diagnostic } from '../diagnostic.js';
import { parseStructure } from './structure.js';
import type { DhcpdNode } from './syntax.js';
import type { Token } from './tokenize.js';
import { DhcpdTree } from './tree.js';
import { collectViews, type DhcpdViews } from './views.js';

/**
 * ISC dhcpd.conf (dhcpd.conf(5), dhcp-options(5), dhcp-eval(5)), parsed losslessly: the
 * document keeps its text, the tree and the views point into it, and writing an unedited
 * document gives back the same bytes. The tree and the views are built when first read.
 */
export interface DhcpdConf extends Readonly<DhcpdViews> {
  /** The gateway path the text came from, for diagnostics. */
  readonly file: string;
  readonly text: string;
  readonly body: DhcpdNode[];
  readonly comments: Token[];
  readonly diagnostics: Diagnostic[];
}

/** Words that start a statement: one opening a line inside an unfinished statement means a missing `;`. */
const statementKeywords = new Set([
  'allow',
  'always-broadcast',
  'authoritative',
  'boot-unknown-clients',
  'class',
  'ddns-domainname',
  'ddns-hostname',
  'ddns-update-style',
  'ddns-updates',
  'default-lease-time',
  'deny',
  'elsif',
  'else',
  'execute',
  'failover',
  'filename',
  'fixed-address',
  'fixed-address6',
  'get-lease-hostnames',
  'group',
  'hardware',
  'host',
  'if',
  'ignore',
  'include',
  'key',
  'log',
  'log-facility',
  'match',
  'max-lease-time',
  'min-lease-time',
  'next-server',
  'on',
  'one-lease-per-client',
  'option',
  'ping-check',
  'pool',
  'pool6',
  'range',
  'range6',
  'server-identifier',
  'server-name',
  'set',
  'shared-network',
  'spawn',
  'subclass',
  'subnet',
  'subnet6',
  'supersede',
  'unset',
  'use-host-decl-names',
  'zone',
]);

/** Never throws: what it cannot parse becomes a diagnostic. */
export function parseDhcpdConf(text: string, file: string): DhcpdConf {
  const { tokens, nodes, comments, diagnostics } = parseStructure(text, file, statementKeywords);
  const tree = new DhcpdTree(tokens, nodes);
  let views: DhcpdViews | undefined;
  const viewsOf = (): DhcpdViews => (views ??= collectViews(tree));
  return {
    file,
    text,
    comments,
    diagnostics,
    get body() {
      return tree.body;
    },
    get subnets() {
      return viewsOf().subnets;
    },
    get hosts() {
      return viewsOf().hosts;
    },
    get hostTable() {
      return viewsOf().hostTable;
    },
    get globals() {
      return viewsOf().globals;
    },
    get includes() {
      return viewsOf().includes;
    },
  };
}

/** The document's text: edits are applied to it with `applyEdits`, never through the tree. */
export function writeDhcpdConf(conf: DhcpdConf): string {
  return conf.text;
}
