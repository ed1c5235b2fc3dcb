/**
 * `wherewemet frame [--reset]`: what this installation has learned of LinkedIn's frame
 * (src/store/frameStore.ts) — shapes learned, candidates still counting sources, the version —
 * and, with --reset, forgets all of it. Only hashes are kept, so there is no text to show.
 */
import { RedisFrameStore } from '../store/frameStore.ts';
import { withAccounts } from './status.ts';

interface Options {
  configPath: string;
  reset: boolean;
  json: boolean;
}

export async function frameCommand(options: Options): Promise<void> {
  await withAccounts(
    { configPath: options.configPath, json: options.json },
    async (redis, config) => {
      const frames = new RedisFrameStore(redis, config.redis.prefix);
      if (options.reset) await frames.reset();
      const counts = await frames.counts();
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ ...counts, reset: options.reset })}\n`
          : [
              ...(options.reset ? ["forgot every learned shape of LinkedIn's frame"] : []),
              `learned shapes   ${counts.learned}`,
              `candidates       ${counts.candidates} (shapes seen from fewer sources than it takes)`,
              `version          ${counts.version}`,
              '',
            ].join('\n'),
      );
    },
  );
}
