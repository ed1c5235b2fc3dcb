/**
 * Notices edits to the config file while the worker runs. Polls the file's stat rather than
 * using fs.watch: editors replace files by renaming, and bind mounts often deliver no events,
 * but both change the modification time. (fs.watchFile polls too, but takes its first stat
 * later, so an edit made just after the config was read could go unnoticed.)
 */
import { type Stats, statSync } from 'node:fs';
import { loadConfig } from './load.ts';
import type { Config } from './schema.ts';

export interface ConfigWatchHandlers {
  reloaded(config: Config): void;
  /** The edit is invalid; the previous config stays in force. */
  rejected(err: unknown): void;
}

export interface ConfigWatchTiming {
  /** How often the file's stat is polled. */
  intervalMs: number;
  /**
   * How long the file must stay unchanged before it is read. Many editors (and `>` in a shell)
   * truncate the file and then write it: read in between, a half-written file would be
   * rejected with errors the user never made.
   */
  settleMs: number;
}

export function watchConfig(
  path: string,
  handlers: ConfigWatchHandlers,
  timing: ConfigWatchTiming = { intervalMs: 500, settleMs: 300 },
): () => void {
  let generation = 0;
  // Taken now, as the caller has just read the file: an edit from here on is noticed.
  let read = markOf(path);
  let seen = { mark: read, since: Date.now() };
  const poll = setInterval(() => {
    const now = markOf(path);
    if (now !== seen.mark) seen = { mark: now, since: Date.now() };
    else if (now !== read && Date.now() - seen.since >= timing.settleMs) {
      read = now;
      load();
    }
  }, timing.intervalMs);
  poll.unref();
  const load = () => {
    const mine = ++generation;
    loadConfig(path).then(
      (config) => mine === generation && handlers.reloaded(config),
      (err: unknown) => mine === generation && handlers.rejected(err),
    );
  };
  return () => clearInterval(poll);
}

/** What tells one state of the file from the next. */
type FileMark = string;

function mark(stats: Stats): FileMark {
  return `${stats.mtimeMs}:${stats.size}`;
}

function markOf(path: string): FileMark {
  try {
    return mark(statSync(path));
  } catch {
    return 'missing'; // read anyway once it stays missing: loadConfig says what is wrong
  }
}
