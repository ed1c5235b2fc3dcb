/**
 * The `wherewemet` command line. Each command turns its flags into plain options and calls
 * the code that does the work; machine-readable output goes to stdout, everything else to stderr.
 * Command modules are imported when their command runs, so `--help` loads nothing but commander.
 * `main` is also what tests call to run a short command without starting a process.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { DEFAULT_CONFIG_PATH, packageVersion } from '../src/paths.ts';

const ENVIRONMENT = `
Environment:
  IMAP_URL   the mailbox, imaps://user:password@host:993 (user and password URL-encoded);
             replaces the config's imap settings
  REDIS_URL  redis://host:6379, replaces redis.url
  SMTP_URL   smtps://user:password@host:465, replaces smtp.url (approve only)
  WHEREWEMET_SECRET  encrypts the tokens that \`login\` saves in the token store (state.dir)
  LOG_LEVEL  debug, info (default), warn or error`;

/**
 * Runs one command line (`argv` as process.argv has it). With `exitOverride`, commander's own
 * exits (help, a usage error) throw a CommanderError instead of ending the process.
 */
export async function main(argv: string[], options: { exitOverride?: boolean } = {}) {
  const program = buildProgram();
  if (options.exitOverride) program.exitOverride();
  await program.parseAsync(argv);
}

function buildProgram(): Command {
  const program = new Command()
    .name('wherewemet')
    .description(
      'Drafts polite "where did we meet?" replies to LinkedIn invitations. Never sends on its own.',
    )
    .version(packageVersion(), '-V, --version')
    .addHelpText('after', ENVIRONMENT)
    .showHelpAfterError()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    });
  addServiceCommands(program);
  addSetupCommands(program);
  addOfflineCommands(program);
  addDraftCommands(program);
  addRecordCommands(program);
  addReviewCommands(program);
  addStateCommands(program);
  return program;
}

const configOption = () =>
  new Option('-c, --config <path>', 'config file').default(DEFAULT_CONFIG_PATH);
const accountOption = () =>
  new Option('-a, --account <id>', 'only this account (see accounts: in the config)');

/** The long-running commands: the service itself and the demo. */
function addServiceCommands(program: Command) {
  program
    .command('run')
    .description('watch the mailbox and write reply drafts (never sends)')
    .option('--once', 'process everything now, wait until done, and exit')
    .addOption(configOption())
    .action(async (opts: { once?: boolean; config: string }) =>
      (await import('./run.ts')).runCommand({ once: opts.once === true, configPath: opts.config }),
    );

  program
    .command('demo')
    .description(
      'try it on sample mail: its own Redis and Dovecot, the worker, the review page; Ctrl-C ends it and cleans up',
    )
    .action(async () => (await import('../src/demo/demo.ts')).demoCommand());
}

/** Setting a mailbox up: signing in, and the guided `init`. */
function addSetupCommands(program: Command) {
  program
    .command('login')
    .description('sign an OAuth2 account in (browser or device code) and save its refresh token')
    .option('--account <id>', 'the account to sign in (its user, or user@host:port)')
    .addOption(new Option('--flow <flow>', 'how to sign in').choices(['browser', 'device']))
    .option(
      '--reset',
      'replace token store entries that WHEREWEMET_SECRET cannot decrypt (their accounts sign in again)',
    )
    .addOption(configOption())
    .action(
      async (opts: {
        account?: string;
        flow?: 'browser' | 'device';
        reset?: boolean;
        config: string;
      }) =>
        (await import('../src/cli/login.ts')).loginCommand({
          configPath: opts.config,
          ...(opts.account ? { account: opts.account } : {}),
          ...(opts.flow ? { flow: opts.flow } : {}),
          ...(opts.reset ? { reset: true } : {}),
        }),
    );

  program
    .command('init')
    .description(
      'set up a mailbox: asks (or takes flags), says where to register for OAuth2, signs in, writes the config and checks it; a failed run keeps its answers for the next',
    )
    .option('-y, --yes', 'ask nothing: every answer comes from a flag (for scripts)')
    .option('--provider <name>', 'gmail, outlook, fastmail, icloud, yahoo or other')
    .option('--address <email>', 'your email address')
    .option('--name <name>', 'your name, as the replies sign it')
    .option('--user <login>', 'IMAP login name (default: the address)')
    .option('--imap-host <host>', 'IMAP server (provider other)')
    .option('--imap-port <port>', 'IMAP port (provider other)', Number)
    .option('--starttls', 'plain IMAP upgraded with STARTTLS instead of TLS (provider other)')
    .option('--allow-plaintext', 'go on without STARTTLS (a test server on this machine only)')
    .option('--password-env <NAME>', 'sign in with the app password in this environment variable')
    .option('--oauth2 <provider>', 'sign in with OAuth2: google, microsoft or custom')
    .option('--client-id <id>', 'OAuth2 client ID')
    .option(
      '--client-secret-env <NAME>',
      'environment variable holding the OAuth2 client secret (google: GOOGLE_CLIENT_SECRET)',
    )
    .option('--token-url <url>', 'OAuth2 token endpoint (custom)')
    .option('--authorize-url <url>', 'OAuth2 authorization endpoint (custom)')
    .option('--device-authorization-url <url>', 'OAuth2 device authorization endpoint (custom)')
    .option('--scopes <scopes>', 'OAuth2 scopes, space-separated (custom)')
    .addOption(new Option('--flow <flow>', 'how to sign in').choices(['browser', 'device']))
    .option('--redis-url <url>', 'redis.url')
    .option(
      '-c, --config <path>',
      'config file to write (default: $XDG_CONFIG_HOME/wherewemet/wherewemet.yaml, else ~/.config/wherewemet/wherewemet.yaml, which the service files read)',
    )
    .action(async (opts: Record<string, unknown> & { config?: string; yes?: boolean }) =>
      (await import('../src/cli/init.ts')).initCommand({
        ...opts,
        ...(opts.config ? { configPath: opts.config } : {}),
        yes: opts.yes === true,
      }),
    );
}

/** Commands that need no server: reading .eml files, checking the config. */
function addOfflineCommands(program: Command) {
  program
    .command('parse')
    .description('parse LinkedIn notification emails (.eml) without any server')
    .option('--json', 'one JSON object per file, one per line')
    .addOption(configOption())
    .argument('<files...>', '.eml files')
    .action(async (files: string[], opts: { json?: boolean; config: string }) =>
      (await import('../src/cli/parse.ts')).parseCommand(files, {
        json: opts.json === true,
        configPath: opts.config,
      }),
    );

  program
    .command('check-config')
    .description('validate the config file: exit 0, or print every problem and exit 1')
    .addOption(configOption())
    .action(async (opts: { config: string }) =>
      (await import('../src/cli/checkConfig.ts')).checkConfigCommand({ configPath: opts.config }),
    );

  program
    .command('preview')
    .description(
      'show the category, the reasons and the draft wherewemet would write for an email, with no server',
    )
    .option('--raw', 'print the exact RFC 822 draft')
    .addOption(configOption())
    .argument('<file>', '.eml file')
    .action(async (file: string, opts: { raw?: boolean; config: string }) =>
      (await import('../src/cli/preview.ts')).previewCommand(file, {
        configPath: opts.config,
        raw: opts.raw === true,
      }),
    );
}

/** Listing drafts, and the two decisions on one: send it or throw it away. */
function addDraftCommands(program: Command) {
  program
    .command('drafts')
    .description('list the drafts wherewemet wrote and what became of them, pending first')
    .option('--json', 'a JSON array')
    .addOption(accountOption())
    .addOption(configOption())
    .action(async (opts: { json?: boolean; config: string; account?: string }) =>
      (await import('../src/cli/drafts.ts')).draftsCommand({
        json: opts.json === true,
        configPath: opts.config,
        account: opts.account,
      }),
    );

  program
    .command('approve')
    .description('send one pending draft as it now stands in Drafts (the only command that sends)')
    .argument('<id>', 'draft id, as `drafts` lists it')
    .option(
      '--force',
      'send again a draft whose earlier approval may have been sent (check Sent first)',
    )
    .addOption(accountOption())
    .addOption(configOption())
    .action(async (id: string, opts: { force?: boolean; config: string; account?: string }) =>
      (await import('../src/cli/decide.ts')).approveCommand(id, {
        configPath: opts.config,
        account: opts.account,
        force: opts.force === true,
      }),
    );

  program
    .command('discard')
    .description('delete one pending draft (to Trash) and never draft that invitation again')
    .argument('<id>', 'draft id, as `drafts` lists it')
    .addOption(accountOption())
    .addOption(configOption())
    .action(async (id: string, opts: { config: string; account?: string }) =>
      (await import('../src/cli/decide.ts')).discardCommand(id, {
        configPath: opts.config,
        account: opts.account,
      }),
    );
}

/** Recording what you did elsewhere (on LinkedIn), and taking a record back. */
function addRecordCommands(program: Command) {
  program
    .command('replied')
    .description(
      'record that you answered an invitation on LinkedIn; its draft leaves Drafts (to Trash)',
    )
    .argument('<id>', 'draft or invitation id, as `drafts` or `history` lists it')
    .addOption(accountOption())
    .addOption(configOption())
    .action(async (id: string, opts: { config: string; account?: string }) =>
      (await import('../src/cli/decide.ts')).repliedCommand(id, {
        configPath: opts.config,
        account: opts.account,
      }),
    );

  program
    .command('undo')
    .description(
      'undo a discard or a replied of the last 10 minutes: the draft back in Drafts, the invitation as it was; sends nothing',
    )
    .argument('<id>', 'draft or invitation id, as `discard` or `replied` was given it')
    .addOption(accountOption())
    .addOption(configOption())
    .action(async (id: string, opts: { config: string; account?: string }) =>
      (await import('../src/cli/decide.ts')).undoCommand(id, {
        configPath: opts.config,
        account: opts.account,
      }),
    );

  for (const [name, decision, what] of [
    [
      'accept',
      'accepted',
      "after a stranger's answer (or none): record that you accept, and print the invitation's own accept link on LinkedIn to open; sends nothing",
    ],
    [
      'ignore',
      'ignored',
      "after a stranger's answer (or none): record that you ignore it, and print LinkedIn's invitation manager to open; sends nothing",
    ],
  ] as const)
    program
      .command(name)
      .description(what)
      .argument('<id>', 'invitation id, as `drafts` or `history` lists it')
      .addOption(accountOption())
      .addOption(configOption())
      .action(async (id: string, opts: { config: string; account?: string }) =>
        (await import('../src/cli/decide.ts')).afterAnswerCommand(id, decision, {
          configPath: opts.config,
          account: opts.account,
        }),
      );
}

/** Looking back: an invitation's history, and the review page. */
function addReviewCommands(program: Command) {
  program
    .command('history')
    .description("each invitation's audit trail, newest first, or one invitation's")
    .argument('[key]', 'invitation key')
    .option('--json', 'as JSON')
    .addOption(accountOption())
    .addOption(configOption())
    .action(
      async (key: string | undefined, opts: { json?: boolean; config: string; account?: string }) =>
        (await import('../src/cli/drafts.ts')).historyCommand(key, {
          json: opts.json === true,
          configPath: opts.config,
          account: opts.account,
        }),
    );

  program
    .command('serve')
    .description('serve the local review page: read, edit, approve or discard drafts in a browser')
    .option(
      '--port <port>',
      'listen on this port instead of review.port (0: any free port)',
      Number,
    )
    .option('--host <address>', 'listen on this address instead of review.host')
    .option(
      '--allow-remote',
      'allow plain HTTP beyond loopback, as review.allowRemote (behind a TLS proxy, or in a container)',
    )
    .addOption(
      new Option('-a, --account <id>', 'the account to review (default: the first of the config)'),
    )
    .addOption(configOption())
    .action(
      async (opts: {
        port?: number;
        host?: string;
        allowRemote?: boolean;
        account?: string;
        config: string;
      }) =>
        (await import('../src/cli/serve.ts')).serveCommand({
          configPath: opts.config,
          port: opts.port,
          host: opts.host,
          allowRemote: opts.allowRemote === true,
          account: opts.account,
        }),
    );
}

/** What the service knows: account status, the learned frame, unreadable mail. */
function addStateCommands(program: Command) {
  program
    .command('status')
    .description(
      'for each account: is it worked and connected, by which process, last sync, drafts waiting for you, last error (exit 1 when not connected)',
    )
    .option('--json', 'one JSON object')
    .addOption(accountOption())
    .addOption(configOption())
    .action(async (opts: { json?: boolean; config: string; account?: string }) =>
      (await import('../src/cli/status.ts')).statusCommand({
        json: opts.json === true,
        configPath: opts.config,
        account: opts.account,
      }),
    );

  program
    .command('frame')
    .description(
      "what was learned of LinkedIn's frame from your mail (hashed shapes, counts); --reset forgets it",
    )
    .option(
      '--reset',
      'forget everything learned (unsure invitations are read again as it is relearned)',
    )
    .option('--json', 'one JSON object')
    .addOption(configOption())
    .action(async (opts: { reset?: boolean; json?: boolean; config: string }) =>
      (await import('../src/cli/frame.ts')).frameCommand({
        configPath: opts.config,
        reset: opts.reset === true,
        json: opts.json === true,
      }),
    );

  program
    .command('unparseable')
    .description('messages that could not be read, with the reason (newest first)')
    .option('--json', 'one JSON object per message, one per line')
    .addOption(accountOption())
    .addOption(configOption())
    .action(async (opts: { json?: boolean; config: string; account?: string }) =>
      (await import('../src/cli/status.ts')).unparseableCommand({
        json: opts.json === true,
        configPath: opts.config,
        account: opts.account,
      }),
    );
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) {
  // `wherewemet parse --json … | head` closes stdout early: the reader's choice, not an error.
  // The demo handles it itself: it stops its servers first (src/demo/demo.ts).
  if (process.argv[2] !== 'demo')
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  await main(process.argv);
  // After `run` or `demo`, whatever still holds the event loop (a connection that would not
  // close) gets 5 s.
  if (process.argv[2] === 'run' || process.argv[2] === 'demo')
    setTimeout(() => process.exit(), 5000).unref();
}
