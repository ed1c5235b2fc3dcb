/**
 * The answers `init` was given, kept next to the config it is to write (`<config>.init-progress.json`,
 * mode 0600) from the first answer on, so that a step that fails (a refused sign-in, a mailbox that
 * does not answer, Ctrl-C) costs nothing already answered: the next `init` offers them again.
 * Only answers are kept, never why a run stopped (an error may quote a value). Passwords and
 * client secrets are never kept (they are asked again, or read from their environment variable),
 * nor are tokens. The file goes once the config is written.
 */
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

interface ProgressFile {
  version: 1;
  /** Answers by question key, in the order they were given. */
  answers: Record<string, string>;
}

export class InitProgress {
  /** The answers of this run so far. */
  private readonly answers: Record<string, string> = {};

  private constructor(
    readonly file: string,
    /** The last run's answers, offered again; emptied past a choice that changed. */
    private saved: Record<string, string>,
  ) {}

  static fileFor(configPath: string): string {
    return `${configPath}.init-progress.json`;
  }

  /** The last run's answers, or none when there was no last run (or its file is unreadable). */
  static async load(configPath: string): Promise<InitProgress> {
    const file = InitProgress.fileFor(configPath);
    const data = await readFile(file, 'utf8')
      .then((text) => JSON.parse(text) as ProgressFile)
      .catch(() => undefined);
    const answers = data?.version === 1 && isObject(data.answers) ? data.answers : {};
    const strings = Object.entries(answers).filter(([, v]) => typeof v === 'string');
    return new InitProgress(file, Object.fromEntries(strings));
  }

  get resuming(): boolean {
    return Object.keys(this.saved).length > 0;
  }

  savedAnswer(key: string): string | undefined {
    return this.saved[key];
  }

  /**
   * Keeps an answer. A choice other than last time's leads to other questions, so the last run's
   * answers after it are not offered again.
   */
  async record(key: string, value: string, { choice = false } = {}): Promise<void> {
    if (choice && this.saved[key] !== undefined && this.saved[key] !== value) {
      const keys = Object.keys(this.saved);
      this.saved = Object.fromEntries(
        keys.slice(0, keys.indexOf(key)).map((k) => [k, this.saved[k] as string]),
      );
    }
    this.answers[key] = value;
    await this.write({ version: 1, answers: { ...this.saved, ...this.answers } });
  }

  /** Whether there is anything for the next run to resume from. */
  get kept(): boolean {
    return this.resuming || Object.keys(this.answers).length > 0;
  }

  /** The config is written: nothing to resume. */
  async done(): Promise<void> {
    await rm(this.file, { force: true });
  }

  private async write(data: ProgressFile): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    await writeFile(this.file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    // writeFile's mode applies only to a file it creates.
    await chmod(this.file, 0o600);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
