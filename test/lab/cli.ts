/**
 * `npm run lab -- up [--nodes N] | down | status | exec HOST -- CMD | shell [HOST]`: the
 * simulated cluster for trying Clusterdeck out and for the integration tests (docs/lab.md).
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { enter, LAB_ENV } from './host.js';
import { down, Lab, missingForLab } from './lab.js';
import { startQemu } from './qemu.js';

function needLab(): Lab {
  const lab = Lab.current();
  if (!lab) throw new Error('no lab is up (npm run lab -- up)');
  return lab;
}

function interactive(lab: Lab, host: string, command: string[]): number {
  const script = 'cd "$0" 2>/dev/null || cd /; exec "$@"';
  const args = [...enter(lab.holder(host)), 'sh', '-c', script, process.cwd(), ...command];
  return spawnSync('nsenter', args, { stdio: 'inherit', env: LAB_ENV }).status ?? 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const missing = missingForLab();
  if (missing && command !== 'status') throw new Error(`cannot run the lab here: ${missing}`);
  switch (command) {
    case 'up': {
      const options = {
        nodes: { type: 'string', default: '4' },
        qemu: { type: 'string', default: '0' },
      } as const;
      const { values } = parseArgs({ args: rest, options });
      const started = Date.now();
      const lab = await Lab.up(Number(values.nodes));
      for (let index = 0; index < Number(values.qemu); index++) {
        const mac = `52:54:00:cd:00:${index.toString(16).padStart(2, '0')}`;
        startQemu(lab, { mac, index });
        console.log(`QEMU machine ${index}: ${mac}, booting from its NIC's PXE ROM`);
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`lab up in ${seconds} s: admin, gateway, ${lab.state.nodes} nodes`);
      return 0;
    }
    case 'down':
      await down();
      console.log('lab down');
      return 0;
    case 'status': {
      const lab = Lab.current();
      console.log(lab ? lab.status().join('\n') : 'no lab is up');
      return 0;
    }
    case 'exec': {
      const [host = '', separator, ...commandLine] = rest;
      if (separator !== '--' || commandLine.length === 0)
        throw new Error('usage: lab exec HOST -- CMD [ARGS…]');
      return interactive(needLab(), host, commandLine);
    }
    case 'shell':
      return interactive(needLab(), rest[0] ?? 'admin', ['bash', '-l']);
    default:
      throw new Error(
        'usage: npm run lab -- up [--nodes N] | down | status | exec HOST -- CMD | shell [HOST]',
      );
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`lab: ${(error as Error).message}`);
    process.exit(2);
  },
);
