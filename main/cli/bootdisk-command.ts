/** `bootdisk build`: a network boot floppy or USB image for the cluster in --root. */
import { parseArgs } from 'node:util';
import type { StaticFallback } from '../../shared/bootdisk/ipxe-script.js';
import { buildClusterBootdisk, type ClusterBootdiskRequest } from '../bootdisk/cluster-bootdisk.js';
import { CliError, EXIT_OK } from './exit-codes.js';
import type { CliIo } from './io.js';

const options = {
  root: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string', default: 'floppy' },
  nic: { type: 'string', default: 'auto' },
  chain: { type: 'string', default: 'dhcp' },
  node: { type: 'string' },
  'next-server': { type: 'string' },
  filename: { type: 'string' },
  'static-ip': { type: 'string' },
  'static-netmask': { type: 'string', default: '255.255.255.0' },
  'static-gateway': { type: 'string' },
  menu: { type: 'string' },
  'dhcpd-conf': { type: 'string' },
  'print-script': { type: 'boolean' },
} as const;

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${flag} must be ${allowed.join(' or ')}, not '${value}'`);
}

function wholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new CliError(`--${flag} must be a whole number, not '${value}'`);
  return Number(value);
}

type Values = ReturnType<
  typeof parseArgs<{ args: string[]; options: typeof options; strict: true }>
>['values'];

function staticFallback(values: Values): StaticFallback | undefined {
  const address = values['static-ip'];
  if (address === undefined) return undefined;
  const fallback: StaticFallback = { address, netmask: values['static-netmask'] };
  if (values['static-gateway'] !== undefined) fallback.gateway = values['static-gateway'];
  return fallback;
}

function toRequest(values: Values): ClusterBootdiskRequest {
  if (values.root === undefined || values.out === undefined)
    throw new CliError("bootdisk build needs --root DIR (a folder mirroring the gateway's /) and --out FILE");
  const request: ClusterBootdiskRequest = {
    root: values.root,
    out: values.out,
    format: oneOf('format', values.format, ['floppy', 'usb'] as const),
    nic: values.nic === 'auto' ? 'auto' : wholeNumber('nic', values.nic),
    chain: oneOf('chain', values.chain, ['dhcp', 'fixed'] as const),
  };
  if (values['dhcpd-conf'] !== undefined) request.overrides = { 'dhcpd-conf': values['dhcpd-conf'] };
  if (values.node !== undefined) request.node = values.node;
  if (values['next-server'] !== undefined) request.nextServer = values['next-server'];
  if (values.filename !== undefined) request.filename = values.filename;
  const fallback = staticFallback(values);
  if (fallback) request.staticFallback = fallback;
  if (values.menu !== undefined) request.menuTimeoutSeconds = wholeNumber('menu', values.menu);
  return request;
}

export async function bootdiskCommand(args: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== 'build')
    throw new CliError(`unknown bootdisk command '${verb ?? ''}' (see clusterdeck --help)`);
  const { values } = parseArgs({ args: rest, options, strict: true });
  const built = await buildClusterBootdisk(toRequest(values)).catch((error: unknown) => {
    throw new CliError((error as Error).message);
  });
  if (values['print-script'] === true) io.stdout(built.script.trimEnd());
  const from =
    values.chain === 'fixed' && built.server
      ? ` (boot file ${built.server.filename} from ${built.server.nextServer})`
      : '';
  io.stdout(`wrote ${built.out}: ${values.format} image, ${built.bytes} bytes${from}`);
  return EXIT_OK;
}
