/**
 * Notices edits to the config file while the worker runs. Polls the file's stat (as
 * fs.watchFile does) rather than using fs.watch: editors replace files by renaming, and bind
 * mounts often deliver no events, but both change the modification time.
 */
import { type Stats, unwatchFile, watchFile } from 'node:fs';
import { loadConfig } from './load.ts';
import type { Config } from './schema.ts';

export interface ConfigWatchHandlers {
  reloaded(config: Config): void;
  /** The edit is invalid; the previous config stays in force. */
  rejected(err: unknown): void;
}

export function watchConfig(
  path: string,
  handlers: ConfigWatchHandlers,
  intervalMs = 500,
): () => void {
  let generation = 0;
  const onChange = (now: Stats, before: Stats) => {
    if (now.mtimeMs === before.mtimeMs && now.size === before.size) return;
    const mine = ++generation;
    loadConfig(path).then(
      (config) => mine === generation && handlers.reloaded(config),
      (err: unknown) => mine === generation && handlers.rejected(err),
    );
  };
  watchFile(path, { interval: intervalMs, persistent: false }, onChange);
  return () => unwatchFile(path, onChange);
}
