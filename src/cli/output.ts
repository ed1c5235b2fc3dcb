/** How the CLI reports a fatal problem: one line per problem on stderr, and a non-zero exit. */
import { ConfigError, describeError } from '../errors.ts';

export function fail(err: unknown): void {
  const lines = err instanceof ConfigError ? err.problems : [describeError(err)];
  for (const line of lines) process.stderr.write(`wherewemet: ${line}\n`);
  process.exitCode = 1;
}
