import type { Locator, Page } from '@playwright/test';
import { readClusterFolder } from '../../main/config/cluster-folder.js';
import { runOperation } from '../../shared/cluster/operations.js';
import type { NodeOperation } from '../../shared/ipc/contract.js';
import { parseCluster } from '../../shared/cluster/parse-cluster.js';
import { down, Lab } from '../lab/lab.js';
import { buildIpxeFloppy, startQemu, stopQemu, type QemuMachine } from '../lab/qemu.js';
import { nodeName, OFFICE } from '../lab/topology.js';
import { labSkipReason } from '../lab/with-lab.js';
import { expect, test } from './fixtures.js';
import { openAdminConsole, type AdminConsole } from './lab-console.js';

const NODES = 8;
const INTERVAL_SECONDS = 2;
const NEW_MAC = '52:54:00:c1:08:01';
/** The grid's columns, in order: the files' facts, then the live ones, then problems. */
const LIVE = { reachable: 7, load: 8, memory: 9, uptime: 10 };

const rowOf = (grid: Locator, name: string) =>
  grid.getByRole('row').filter({ has: grid.page().getByRole('gridcell', { name, exact: true }) });

/**
 * The gateway's files describe the lab's nodes and only them: node001…node008, each with the MAC
 * its link really has, so that every node they list is a real one and every free address is free.
 */
async function describeLabNodes(lab: Lab): Promise<void> {
  const read = await readClusterFolder(lab.rootOf('gateway'));
  const names = Array.from({ length: 253 - NODES }, (_, i) => nodeName(NODES + 1 + i));
  const operations: NodeOperation[] = [
    { kind: 'remove', names },
    ...Array.from({ length: NODES }, (_, i) => {
      const name = nodeName(i + 1);
      const mac = lab.exec(name, ['cat', '/sys/class/net/eth0/address']).stdout.trim();
      return { kind: 'set' as const, name, mac };
    }),
  ];
  let input = read.input;
  for (const operation of operations) {
    const result = runOperation(input, operation);
    if (!result.ok) throw new Error(result.error);
    input = result.input;
  }
  for (const file of Object.values(input.files)) lab.writeFile('gateway', file.path, file.text);
  await lab.restartService('gateway', 'dhcpd');
}

/** The admin has met the gateway and every node before: their keys are in known_hosts. */
function trustLabHosts(lab: Lab): void {
  const key = (host: string) =>
    lab.readFile(host, '/etc/ssh/lab_host_ed25519_key.pub').split(' ').slice(0, 2);
  const lines = [
    [OFFICE.gateway, ...key('gateway')],
    ...Array.from({ length: NODES }, (_, i) => [nodeName(i + 1), ...key(nodeName(i + 1))]),
  ];
  lab.writeFile('admin', '/root/.ssh/known_hosts', lines.map((line) => `${line.join(' ')}\n`).join(''));
}

/** The fixed address dhcpd.conf on the gateway now gives this MAC. */
async function fixedAddressOf(lab: Lab, mac: string): Promise<string | undefined> {
  const read = await readClusterFolder(lab.rootOf('gateway'));
  const hosts = parseCluster(read.input).dhcpd?.facts.hosts ?? [];
  const host = hosts.find((candidate) => candidate.macs.some((m) => m.text.toLowerCase() === mac));
  return host?.addresses[0]?.text;
}

const dhcpdPid = (lab: Lab) => Number(lab.readFile('gateway', '/run/dhcpd.pid').trim());

test.describe('the Nodes page on the lab’s live gateway', () => {
  const skip = labSkipReason();
  test.skip(skip !== undefined, skip);
  test.describe.configure({ mode: 'serial' });
  let lab: Lab;
  let adminConsole: AdminConsole;
  let page: Page;
  let grid: Locator;
  const machines: QemuMachine[] = [];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    lab = await Lab.up(NODES);
    await describeLabNodes(lab);
    trustLabHosts(lab);
    lab.shell('admin', 'rm -rf /root/.config/clusterdeck');
    adminConsole = await openAdminConsole(lab);
    page = await adminConsole.context.newPage();
    await page.goto(adminConsole.url);
    await page.getByRole('link', { name: 'Connections' }).click();
    await page.getByLabel('Gateway', { exact: true }).fill(`root@${OFFICE.gateway}`);
    await page.getByRole('button', { name: 'Add gateway' }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: OFFICE.gateway })
      .getByRole('button', { name: 'Connect' })
      .click();
    await expect(page.getByRole('status').filter({ hasText: 'Workspace:' })).toContainText(OFFICE.gateway);
    await page.getByRole('link', { name: 'Nodes' }).click();
    grid = page.getByRole('grid', { name: 'Nodes' });
  });

  test.afterAll(async () => {
    for (const machine of machines) await stopQemu(lab, machine);
    await adminConsole?.close();
    await down();
  });

  test('lists every node of the gateway’s files with its live load, memory and uptime', async ({}, testInfo) => {
    const inventory = page.getByRole('region', { name: 'Inventory' });
    await expect(inventory.getByRole('status').first()).toHaveText(
      `${NODES + 1} nodes, ${NODES + 1} shown, 0 selected`,
    );
    await expect(page.getByRole('status', { name: 'Live poll' })).toContainText(
      `${NODES} of ${NODES} nodes reachable`,
    );
    for (let n = 1; n <= NODES; n++) {
      const cells = rowOf(grid, nodeName(n)).getByRole('gridcell');
      await expect(cells.nth(LIVE.reachable)).toHaveText('yes');
      await expect(cells.nth(LIVE.load)).toHaveText(/^\d+\.\d\d$/);
      await expect(cells.nth(LIVE.memory)).toHaveText(/^\d+ %$/);
      await expect(cells.nth(LIVE.uptime)).toHaveText(/^\d+ (d|h|min|s)/);
    }
    // The gateway is not polled as a node.
    await expect(rowOf(grid, 'mosix').getByRole('gridcell').nth(LIVE.load)).toHaveText('—');
    // The live columns are at the grid's right: scroll there, as a user would on a narrow window.
    // A string: functions passed to the page would carry tsx's helpers along.
    await page.evaluate("document.querySelector('[role=grid][aria-label=Nodes]').scrollLeft = 10000");
    const shot = testInfo.outputPath('live-nodes.png');
    await page.screenshot({ path: shot });
    await testInfo.attach('the Nodes page, live', { path: shot, contentType: 'image/png' });
  });

  test('marks a node whose sshd stopped unreachable within two poll intervals', async () => {
    await page.getByLabel('Poll nodes every').fill(String(INTERVAL_SECONDS));
    await page.getByRole('button', { name: 'Set', exact: true }).click();
    await expect(page.getByRole('status', { name: 'Live poll' })).toContainText(`${NODES} of ${NODES}`);
    const reachable = rowOf(grid, 'node003').getByRole('gridcell').nth(LIVE.reachable);
    await expect(reachable).toHaveText('yes');
    // sshd stopped with its sessions, as when a node's sshd dies or the node is shut down.
    await lab.stopService('node003', 'sshd');
    lab.dropConnections('node003');
    const stopped = Date.now();
    try {
      await expect(reachable).toHaveText('unreachable', { timeout: 2 * INTERVAL_SECONDS * 1000 });
      console.log(`node003 shown unreachable ${Date.now() - stopped} ms after its sshd stopped`);
      await expect(page.getByRole('status', { name: 'Live poll' })).toContainText(
        `${NODES - 1} of ${NODES} nodes reachable`,
      );
      const byReachable = grid.getByRole('columnheader', { name: 'Reachable' });
      await byReachable.getByRole('button').click();
      await byReachable.getByRole('button').click();
      await expect(byReachable).toHaveAttribute('aria-sort', 'descending');
      // Descending: the rows never polled (the gateway's own) first, then the unreachable.
      const firstNames = [1, 2].map((n) => grid.getByRole('row').nth(n).getByRole('gridcell').first());
      expect(await Promise.all(firstNames.map((cell) => cell.textContent()))).toContain('node003');
    } finally {
      await lab.startService('node003', 'sshd');
    }
    await expect(reachable).toHaveText('yes', { timeout: 4 * INTERVAL_SECONDS * 1000 });
  });

  test('shows a machine that took a dynamic lease as new, adopts it on the gateway, and after a reboot it gets its fixed address', async () => {
    test.setTimeout(420_000);
    const floppy = buildIpxeFloppy(lab);
    machines.push(startQemu(lab, { image: floppy, mac: NEW_MAC, index: 0 }));
    const newMachines = page.getByRole('region', { name: 'New machines' });
    const offered = newMachines.getByRole('row').filter({ hasText: NEW_MAC });
    await expect(offered).toBeVisible({ timeout: 150_000 });
    const leased = (await offered.getByRole('cell').nth(2).textContent()) ?? '';
    expect(lab.dhcpdLog()).toContain(`DHCPACK on ${leased} to ${NEW_MAC} via eth1`);

    const files = ['/etc/hosts', '/etc/dhcpd.conf', '/etc/mosix.map'];
    const before = Object.fromEntries(files.map((file) => [file, lab.readFile('gateway', file)]));
    const pidBefore = dhcpdPid(lab);
    await newMachines.getByLabel(`Adopt ${NEW_MAC}`).check();
    await newMachines.getByRole('button', { name: 'Adopt 1 machine…' }).click();
    const review = page.getByRole('region', { name: 'Adopt 1 new machine' });
    await review.getByRole('button', { name: 'Apply to 5 files' }).click();
    const written = review.getByRole('list', { name: 'Written' });
    await expect(written).toBeVisible({ timeout: 60_000 });
    for (const file of files) await expect(written).toContainText(`Wrote ${file}`);
    await expect(review.getByRole('list', { name: 'Services' })).toContainText(
      'Restarted isc-dhcp-server: running again',
    );
    await review.getByRole('button', { name: 'Close' }).click();

    const address = await fixedAddressOf(lab, NEW_MAC);
    expect(address).toMatch(/^192\.168\.0\.\d+$/);
    for (const file of files) expect(lab.readFile('gateway', file)).not.toBe(before[file]);
    expect(lab.readFile('gateway', '/etc/hosts')).toContain(address);
    expect(lab.readFile('gateway', '/opt/ltsp/i386/etc/hosts')).toBe(lab.readFile('gateway', '/etc/hosts'));
    expect(lab.readFile('gateway', '/opt/ltsp/i386/etc/mosix.map')).toBe(
      lab.readFile('gateway', '/etc/mosix.map'),
    );
    const check = lab.exec('gateway', ['dhcpd', '-t', '-cf', '/etc/dhcpd.conf']);
    expect(check.status, check.stderr).toBe(0);
    expect(dhcpdPid(lab)).not.toBe(pidBefore);
    // The files were read again: the machine is a node now, no longer a new machine.
    await expect(offered).toHaveCount(0, { timeout: 20_000 });

    // A reboot (power off and on: QEMU runs with -no-reboot) asks dhcpd again.
    await stopQemu(lab, machines.pop()!);
    machines.push(startQemu(lab, { image: floppy, mac: NEW_MAC, index: 0 }));
    await expect
      .poll(() => lab.dhcpdLog(), { timeout: 150_000, intervals: [1000] })
      .toContain(`DHCPACK on ${address} to ${NEW_MAC} via eth1`);
  });

  test('shows dhcpd -t’s complaint and writes nothing; refuses to write over a file changed on the gateway', async () => {
    const conf = lab.readFile('gateway', '/etc/dhcpd.conf');
    const node008Mac = /host node008 \{\s*hardware ethernet ([\w:]+);/.exec(conf)?.[1] ?? '?';
    const node008 = rowOf(grid, 'node008').getByRole('gridcell').nth(2);
    /** Changes dhcpd.conf on the gateway behind the console's back; waits until the page shows it. */
    const changeOnGateway = async (text: string, shownMac: string) => {
      lab.writeFile('gateway', '/etc/dhcpd.conf', text);
      await expect(node008).toHaveText(new RegExp(`^${shownMac}$`, 'i'), { timeout: 20_000 });
    };
    const previewMacChange = async (mac: string) => {
      await rowOf(grid, 'node005').click();
      const edit = page.getByRole('form', { name: 'Edit node005' });
      await edit.getByLabel('MAC').fill(mac);
      await edit.getByRole('button', { name: 'Preview changes' }).click();
      return page.getByRole('region', { name: 'Change node005' });
    };
    try {
      // Someone left an include of a file that does not exist: dhcpd would not start with it.
      const broken = `include "/etc/dhcp/clusterdeck-missing.conf";\n${conf}`.replace(
        `hardware ethernet ${node008Mac};`,
        'hardware ethernet 52:54:00:c1:08:88;',
      );
      await changeOnGateway(broken, '52:54:00:c1:08:88');
      const rejected = await previewMacChange('52:54:00:c1:08:55');
      await rejected.getByRole('button', { name: 'Apply to 1 file' }).click();
      const complaint = rejected.getByRole('alert');
      await expect(complaint).toContainText(
        '/etc/dhcpd.conf was rejected by the gateway; nothing was written',
      );
      await expect(complaint).toContainText('clusterdeck-missing.conf');
      expect(lab.readFile('gateway', '/etc/dhcpd.conf')).toBe(broken);
      await rejected.getByRole('button', { name: 'Cancel' }).click();

      await changeOnGateway(conf, node008Mac);
      const stale = await previewMacChange('52:54:00:c1:08:56');
      const theirs = `${conf}# edited by someone else meanwhile\n`;
      lab.writeFile('gateway', '/etc/dhcpd.conf', theirs);
      await stale.getByRole('button', { name: 'Apply to 1 file' }).click();
      await expect(stale.getByRole('alert')).toContainText(/nothing was written\. Preview again\./);
      expect(lab.readFile('gateway', '/etc/dhcpd.conf')).toBe(theirs);
      await stale.getByRole('button', { name: 'Cancel' }).click();
    } finally {
      lab.writeFile('gateway', '/etc/dhcpd.conf', conf);
    }
  });
});
