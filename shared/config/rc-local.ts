/** What the client root's `rc.local` does for openMosix (the seed's "OpenMosix startup section"). */
import { splitLines } from './source.js';

export interface OpenMosixStartup {
  /** Line numbers (1-based) of each step, where present. */
  setsLstay?: number;
  startsOpenMosix?: number;
  mountsMfs?: number;
}

const STEPS: Array<[keyof OpenMosixStartup, RegExp]> = [
  ['setsLstay', /echo\s+1\s*>\s*\/proc\/(mosix|hpc)\/admin\/lstay/],
  ['startsOpenMosix', /(rc\.openmosix|rc\.d\/init\.d\/openmosix|\/openmosix)\s+start/],
  ['mountsMfs', /\bmount\s+(-t\s+mfs\s+\S+\s+)?\/mfs\b/],
];

export function readOpenMosixStartup(text: string): OpenMosixStartup {
  const found: OpenMosixStartup = {};
  for (const line of splitLines(text)) {
    const command = line.text.replace(/#.*/, '');
    for (const [step, pattern] of STEPS) {
      if (found[step] === undefined && pattern.test(command)) found[step] = line.number;
    }
  }
  return found;
}
