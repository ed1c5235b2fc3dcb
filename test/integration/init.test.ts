import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { redisUrl, uniqueUser } from '../harness/context.ts';
import { removeTempDirs, tempDir } from '../harness/tempDir.ts';
import { runCli } from './cli.ts';

afterAll(removeTempDirs);

describe('wherewemet init --yes', () => {
  it('writes a config that check-config accepts, with the folders it found, and says how to start', async () => {
    const user = uniqueUser('init');
    const config = join(tempDir('wwm-init'), 'wherewemet.yaml');
    const env = { IMAP_URL: '', WWM_TEST_PASSWORD: inject('dovecotPassword') };
    const result = await runCli(
      [
        'init',
        '--yes',
        '--provider',
        'other',
        '--address',
        `${user}@example.test`,
        '--name',
        'Paul Tester',
        '--user',
        user,
        '--imap-host',
        inject('dovecotHost'),
        '--imap-port',
        String(inject('dovecotPort')),
        '--starttls',
        '--allow-plaintext',
        '--password-env',
        'WWM_TEST_PASSWORD',
        '--redis-url',
        redisUrl(),
        '--config',
        config,
      ],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(
      `WWM_TEST_PASSWORD=<app password> wherewemet run --config ${config}`,
    );
    const written = await readFile(config, 'utf8');
    const tree = parse(written);
    expect(tree.imap).toMatchObject({
      host: inject('dovecotHost'),
      port: inject('dovecotPort'),
      secure: false,
      user,
      // The password stays in the environment; the file names the variable.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own ${VAR} syntax
      password: '${WWM_TEST_PASSWORD}',
    });
    expect(tree.mailboxes).toMatchObject({ drafts: 'Drafts', sent: 'Sent', trash: 'Trash' });
    expect(tree.me).toMatchObject({ name: 'Paul Tester', address: `${user}@example.test` });
    // Comments of the shipped config survive.
    expect(written).toContain('# The mailbox to watch (IMAP).');

    const check = await runCli(['check-config', '--config', config], env);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain(`${config}: valid`);
    expect(check.stderr).toBe('');
  });

  it('names the flag that is missing instead of asking', async () => {
    const config = join(tempDir('wwm-init'), 'wherewemet.yaml');
    const result = await runCli(['init', '--yes', '--provider', 'fastmail', '--config', config], {
      IMAP_URL: '',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('wherewemet: --address: required with --yes');
  });
});
