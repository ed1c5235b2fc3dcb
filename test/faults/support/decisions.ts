// A person's decision on a draft through the CLI, made as a person makes it: a draft that is
// not recorded yet, or held for a moment by the worker's draft check, says "try again in a
// moment", and so they do.
import { waitFor } from '../../harness/freePort.ts';
import type { CliResult } from '../../integration/cli.ts';

export async function decide(
  cli: (args: string[]) => Promise<CliResult>,
  decision: 'discard' | 'replied',
  id: string,
  timeoutMs = 30_000,
): Promise<void> {
  let last: CliResult | undefined;
  await waitFor(
    async () => {
      last = await cli([decision, id]);
      return !/try again in a moment/.test(last.stderr);
    },
    timeoutMs,
    () => `${decision} ${id} was put off for ${timeoutMs} ms: ${last?.stderr}`,
  );
  if (last?.code !== 0) throw new Error(`${decision} ${id} failed: ${last?.stderr}`);
}
