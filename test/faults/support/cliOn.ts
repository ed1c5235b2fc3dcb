// The CLI as a fault test uses it beside a running worker: `run` gives the result as it is,
// `cli` expects success and gives stdout.
import { expect } from 'vitest';
import { runCli } from '../../integration/cli.ts';

export function cliOn(config: string, env: Record<string, string>) {
  const run = (args: string[]) => runCli([...args, '--config', config], env);
  const cli = async (...args: string[]) => {
    const result = await run(args);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result.stdout;
  };
  return { run, cli };
}
