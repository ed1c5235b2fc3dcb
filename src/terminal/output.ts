/**
 * How the commands write (the CLI, the demo, the worker): what they print for people and their JSON
 * lines go through print and printJson, which show no control character a stranger's text may hold
 * (src/text.ts); a fatal problem is one line per problem on stderr, and a non-zero exit.
 */
import { ConfigError, describeError } from '../errors.ts';
import { forTerminal, jsonForTerminal } from '../text.ts';

/** Human output on stdout: names, notes, subjects and reasons are a stranger's text. */
export function print(text: string): void {
  process.stdout.write(forTerminal(text));
}

/** One JSON value on stdout and a line break (indented when `indent` is given). */
export function printJson(value: unknown, indent?: number): void {
  process.stdout.write(`${jsonForTerminal(value, indent)}\n`);
}

export function fail(err: unknown): void {
  const lines = err instanceof ConfigError ? err.problems : [describeError(err)];
  for (const line of lines) process.stderr.write(`wherewemet: ${forTerminal(line)}\n`);
  process.exitCode = 1;
}
