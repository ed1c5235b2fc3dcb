/**
 * The `wherewemet` command line. Each command turns its flags into plain options and calls
 * the code that does the work; machine-readable output goes to stdout, everything else to stderr.
 */
import { Command, Option } from 'commander';
import { DEFAULT_CONFIG_PATH } from '../config/load.ts';
import { parseCommand } from './parse.ts';
import { runCommand } from './run.ts';
import { statusCommand, unparseableCommand } from './status.ts';

// `wherewemet parse --json … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const program = new Command()
  .name('wherewemet')
  .description(
    'Drafts polite "where did we meet?" replies to LinkedIn invitations. Never sends on its own.',
  )
  .showHelpAfterError()
  .configureOutput({
    writeOut: (s) => process.stdout.write(s),
    writeErr: (s) => process.stderr.write(s),
  });

const configOption = () =>
  new Option('-c, --config <path>', 'config file').default(DEFAULT_CONFIG_PATH);

program
  .command('run')
  .description('watch the mailbox and write reply drafts (never sends)')
  .option('--once', 'process everything now, wait until done, and exit')
  .addOption(configOption())
  .action((opts: { once?: boolean; config: string }) =>
    runCommand({ once: opts.once === true, configPath: opts.config }),
  );

program
  .command('parse')
  .description('parse LinkedIn notification emails (.eml) without any server')
  .option('--json', 'one JSON object per file, one per line')
  .addOption(configOption())
  .argument('<files...>', '.eml files')
  .action((files: string[], opts: { json?: boolean; config: string }) =>
    parseCommand(files, { json: opts.json === true, configPath: opts.config }),
  );

program
  .command('status')
  .description('is the worker connected, last sync, backlog, last error, drafts due')
  .option('--json', 'one JSON object')
  .addOption(configOption())
  .action((opts: { json?: boolean; config: string }) =>
    statusCommand({ json: opts.json === true, configPath: opts.config }),
  );

program
  .command('unparseable')
  .description('messages that could not be read, with the reason (newest first)')
  .option('--json', 'one JSON object per message, one per line')
  .addOption(configOption())
  .action((opts: { json?: boolean; config: string }) =>
    unparseableCommand({ json: opts.json === true, configPath: opts.config }),
  );

await program.parseAsync(process.argv);
