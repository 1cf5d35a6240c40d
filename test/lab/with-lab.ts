/** The lab for Vitest suites: brought up once per suite, skipped (or failed under CI) when it cannot run. */
import { afterAll, beforeAll } from 'vitest';
import { MissingPrerequisite, skipReason } from '../support/prerequisites.js';
import { down, Lab, missingForLab } from './lab.js';

/** Why the lab suites skip here (outside CI), or undefined when the lab can run. */
export function labSkipReason(): string | undefined {
  const missing = missingForLab();
  return skipReason(missing === undefined ? undefined : new MissingPrerequisite('the lab', missing));
}

/** Brings a lab with `nodes` nodes up before the suite and down after it; returns its accessor. */
export function useLab(options: { nodes: number }): () => Lab {
  let lab: Lab | undefined;
  beforeAll(async () => {
    lab = await Lab.up(options.nodes);
  }, 60_000);
  afterAll(async () => {
    lab = undefined;
    await down();
  }, 60_000);
  return () => {
    if (!lab) throw new Error('the lab is not up');
    return lab;
  };
}
