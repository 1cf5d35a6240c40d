import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkProfile, ClusterProfileSchema, generateCluster } from '../../shared/cluster/generate.js';
import { describeIssues } from '../../shared/ipc/errors.js';
import { CliError, EXIT_OK } from './exit-codes.js';
import type { CliIo } from './io.js';

async function readProfile(file: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
  const parsed = ClusterProfileSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(`${file}: ${describeIssues(parsed.error)}`);
  const problems = checkProfile(parsed.data);
  if (problems.length > 0) throw new CliError(`${file}: ${problems.join('; ')}`);
  return parsed.data;
}

/** `generate --profile FILE --out DIR`: a new cluster's files, never over existing ones. */
export async function generateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { profile: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  if (values.profile === undefined || values.out === undefined)
    throw new CliError('generate needs --profile FILE and --out DIR');
  const files = generateCluster(await readProfile(values.profile));
  const out = path.resolve(values.out);
  for (const gatewayPath of Object.keys(files)) {
    const target = path.join(out, gatewayPath);
    const exists = await readFile(target).then(
      () => true,
      () => false,
    );
    if (exists) throw new CliError(`${target} already exists; generate writes only into an empty tree`);
  }
  for (const [gatewayPath, text] of Object.entries(files)) {
    const target = path.join(out, gatewayPath);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text, { flag: 'wx' });
    io.stdout(`wrote ${gatewayPath}`);
  }
  return EXIT_OK;
}
