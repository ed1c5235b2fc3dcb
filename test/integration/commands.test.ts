// The commands that need no server, run as a user would.
import { describe, expect, it } from 'vitest';
import { runCli, writeConfig } from './cli.ts';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

describe('check-config', () => {
  it('accepts the shipped config', async () => {
    const result = await runCli(['check-config']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/wherewemet\.yaml: valid/);
  });

  it('prints every problem with its key and exits 1', async () => {
    const config = writeConfig({
      'sync.lookbackDays': -1,
      'rules.actions.pitch': 'nope',
      'templates.not-now.body': 'Hi {{first}}',
    });
    const result = await runCli(['check-config', '--config', config]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/sync\.lookbackDays: .*>=0/),
      expect.stringMatching(/rules\.actions\.pitch: names template "nope"/),
    ]);
  });

  it("refuses the probe's values that broke the service, explaining each bound (issue 19)", async () => {
    const config = writeConfig({
      'backoff.blockedSeconds': 3_000_000,
      'drafts.checkEverySeconds': 3_000_000,
      'lease.seconds': 2,
      'lease.heartbeatSeconds': 5,
      'sync.maxMessageBytes': 1e12,
      'review.token': 'a'.repeat(16),
    });
    const result = await runCli(['check-config', '--config', config]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /drafts\.checkEverySeconds: at most 2147483 seconds \(about 24\.8 days\): Node's timers hold no longer, and a longer wait fires at once \(got 3000000\)$/,
      ),
      expect.stringMatching(
        /review\.token: at least 5 different characters: .*\(generate one: openssl rand -base64 24\)$/,
      ),
      expect.stringMatching(
        /sync\.maxMessageBytes: at most 52428800 \(50 MB\): .* \(got 1000000000000\)$/,
      ),
      expect.stringMatching(/backoff\.blockedSeconds: at most 2147483 seconds .* \(got 3000000\)$/),
      expect.stringMatching(
        /lease\.seconds: must be longer than two heartbeats \(2 × lease\.heartbeatSeconds = 10\) \(got 2\)$/,
      ),
    ]);
    expect(result.stderr).not.toContain('a'.repeat(16));
  });

  it('reports an unknown template variable', async () => {
    const config = writeConfig({ 'templates.not-now.body': 'Hi {{first}}' });
    const result = await runCli(['check-config', '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/templates\.not-now\.body uses unknown variable \{\{first\}\}/);
  });
});

describe('preview', () => {
  it('shows the category, the reasons and the draft', async () => {
    const config = writeConfig({ 'me.name': 'Marcus Webb' });
    const result = await runCli([
      'preview',
      '--config',
      config,
      fixture('invitations/2016-nonote-en.eml'),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Category: no-context$/m);
    expect(result.stdout).toMatch(/^Action: draft from template "where-we-met"$/m);
    expect(result.stdout).toMatch(/^Subject: Your LinkedIn invitation$/m);
    expect(result.stdout).toMatch(/^Hi Bo,$/m);
    expect(result.stdout).toMatch(/^Marcus Webb$/m);
  });

  it('says when there is no draft, and why', async () => {
    const result = await runCli(['preview', fixture('suspicious/lookalike-linkedln-com.eml')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Category: suspicious$/m);
    expect(result.stdout).toMatch(/imitates linkedin\.com/);
    expect(result.stdout).toMatch(/^Action: none, no draft$/m);
  });

  it('prints the exact message with --raw', async () => {
    const result = await runCli(['preview', '--raw', fixture('invitations/2016-nonote-en.eml')]);
    expect(result.stdout).toMatch(/^X-Wherewemet-Invitation: id-\d+\r$/m);
    expect(result.stdout).toMatch(/^In-Reply-To:\s+<3337140467\.315956\.1472526705614\./m);
  });
});

describe('parse --json', () => {
  it('prints one object per file, in order, and an error for a file that is not an email', async () => {
    const files = [
      'corpus/imapdigester-1.eml',
      'ugly/binary-garbage.eml',
      'other-linkedin/2016-accepted-invitation-en.eml',
    ];
    const result = await runCli(['parse', '--json', ...files.map(fixture)]);
    expect(result.code).toBe(0);
    const objects = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(objects.map((o) => o.kind)).toEqual(['invitation', null, 'accepted']);
    expect(objects[0]).toMatchObject({
      inviter: { name: 'Steven Footle', firstName: 'Steven' },
      category: 'no-context',
      action: 'draft',
    });
    expect(objects[1].error).toMatch(/no email headers/);
    expect(objects[2]).not.toHaveProperty('error');
  });
});
