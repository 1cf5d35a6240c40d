/**
 * The seed's cluster as the lab builds it: the admin's desktop and the gateway on the office
 * LAN, the gateway and the nodes on the cluster LAN (a bridge in a switch namespace), and
 * QEMU machines plugged into the same bridge.
 */
export const OFFICE = { admin: '10.193.15.2', gateway: '10.193.15.169', prefix: 24 };
export const CLUSTER = { gateway: '192.168.0.254', prefix: 24, network: '192.168.0' };

/**
 * Several labs can run side by side on one machine (one per checkout or CI job):
 * `CLUSTERDECK_LAB=2` names a second lab with its own state folder and link names.
 */
const INSTANCE = process.env['CLUSTERDECK_LAB'] ?? '';
if (!/^[a-z0-9]?$/.test(INSTANCE)) throw new Error('CLUSTERDECK_LAB must be one letter or digit');

export const LAB_DIR = `/run/clusterdeck-lab${INSTANCE}`;
/** Prefix of the links the lab creates in the machine's namespace before moving them away. */
export const LINK_PREFIX = `cdl${INSTANCE}-`;
export const STATE_FILE = `${LAB_DIR}/state.json`;
export const KEY_FILE = `${LAB_DIR}/id_ed25519`;

/** Users of the gateway for the authentication tests (lab-only secrets). */
export const PASSWORD_USER = { name: 'pwuser', password: 'lab-password' };
export const KEYBOARD_USER = { name: 'kbduser', password: 'lab-kbd-password' };

export function nodeName(n: number): string {
  return `node${String(n).padStart(3, '0')}`;
}

export function nodeAddress(n: number): string {
  return `${CLUSTER.network}.${n}`;
}

export const MAX_NODES = 253;
