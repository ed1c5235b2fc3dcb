// A command on a real terminal, for prompts that only a terminal gets (init's @clack/prompts):
// tmux runs it in a detached session on a server of its own (its socket in a temp dir), keys go in with send-keys, and the
// screen comes back with capture-pane. The command's exit status is printed after it, as
// "[exit N]", and the pane stays until stop().
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from './tempDir.ts';

export interface Terminal {
  /** The screen and its scrollback, wrapped lines joined. */
  screen(): string;
  /** Waits until the screen shows `text` (a string, or a pattern); returns the screen. */
  shows(text: string | RegExp, ms?: number): Promise<string>;
  /** Types `text` (as is, no key names), then Enter. */
  type(text: string): void;
  enter(): void;
  /** Resolves with the exit status once the command has ended. */
  exited(ms?: number): Promise<number>;
  stop(): void;
}

/** Runs `argv` in `cwd` with exactly `env` (nothing inherited), on a 200×60 terminal. */
export function startTerminal(argv: string[], cwd: string, env: Record<string, string>): Terminal {
  // A socket in a temp dir of the test's, not tmux's own folder: nothing is left behind.
  const socket = join(tempDir('wwm-tmux'), 'socket');
  const tmux = (...args: string[]) =>
    execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
  const quoted = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  const assignments = Object.entries(env).map(([k, v]) => quoted(`${k}=${v}`));
  const command = `env -i ${assignments.join(' ')} ${argv.map(quoted).join(' ')}; echo "[exit $?]"; sleep 600`;
  tmux('new-session', '-d', '-s', 'test', '-x', '200', '-y', '60', '-c', cwd, command);
  const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'test');
  const shows = async (text: string | RegExp, ms = 15_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const now = screen();
      if (typeof text === 'string' ? now.includes(text) : text.test(now)) return now;
      if (Date.now() > deadline) throw new Error(`the terminal did not show ${text}:\n${now}`);
      // Each look starts a tmux client: a tenth of a second apart is soon enough for a person's screen.
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    screen,
    shows,
    type(text) {
      tmux('send-keys', '-t', 'test', '-l', text);
      tmux('send-keys', '-t', 'test', 'Enter');
    },
    enter() {
      tmux('send-keys', '-t', 'test', 'Enter');
    },
    async exited(ms = 20_000) {
      const match = /\[exit (\d+)\]/.exec(await shows(/\[exit \d+\]/, ms));
      return Number(match?.[1]);
    },
    stop() {
      // Ends the command too (SIGHUP); a second stop finds no server, which is fine.
      spawnSync('tmux', ['-S', socket, 'kill-server'], { stdio: 'ignore' });
    },
  };
}
