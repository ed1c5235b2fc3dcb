// Bounds on what a config may say (issue 19, finding 4): each value here was accepted before and
// broke the service. A duration past what Node's timers hold fired at once (a refused login
// retried 18 times in 10 s, a core spun on Drafts), a lease shorter than two heartbeats was stolen
// by its own process, a 1 TB message limit let a 70 MB mail take 649 MB, and "aaaa…" was a
// sign-in token. Each problem names the key, the value and what is expected.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { MAX_MESSAGE_BYTES_CEILING, MAX_TIMER_SECONDS } from '../../src/config/schema.ts';
import { ConfigError } from '../../src/errors.ts';

const TEMPLATES = `
templates:
  where-we-met: { subject: "Hi", body: "Hi {{firstName}}" }
  not-now: { subject: "Hi", body: "No, {{firstName}}" }
`;

const problems = (yaml: string): string[] => {
  try {
    parseConfig(`${TEMPLATES}\n${yaml}`, 'test.yaml', {});
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

const TIMER_BOUND = `at most ${MAX_TIMER_SECONDS} seconds (about 24.8 days): Node's timers hold no longer, and a longer wait fires at once`;

describe('durations a timer waits for', () => {
  const keys = [
    'backoff.initialSeconds',
    'backoff.maxSeconds',
    'backoff.blockedSeconds',
    'drafts.checkEverySeconds',
    'drafts.missingGraceSeconds',
    'smtp.holdSeconds',
    'lease.heartbeatSeconds',
    'lease.seconds',
  ];

  it('are refused past 2^31-1 ms, naming the key, the value and the bound', () => {
    expect(MAX_TIMER_SECONDS).toBe(2147483);
    // The probe's values.
    expect(problems('backoff: { blockedSeconds: 3000000 }')).toEqual([
      `test.yaml: backoff.blockedSeconds: ${TIMER_BOUND} (got 3000000)`,
    ]);
    expect(problems('drafts: { checkEverySeconds: 3000000 }')).toEqual([
      `test.yaml: drafts.checkEverySeconds: ${TIMER_BOUND} (got 3000000)`,
    ]);
    for (const key of keys) {
      const [section, name] = key.split('.');
      // lease.seconds also has to outlast two heartbeats: keep those short here.
      const extra =
        section === 'lease'
          ? name === 'seconds'
            ? ', heartbeatSeconds: 1'
            : ', seconds: 1e9'
          : '';
      const found = problems(`${section}: { ${name}: ${MAX_TIMER_SECONDS + 1}${extra} }`);
      expect(found, key).toContain(
        `test.yaml: ${key}: ${TIMER_BOUND} (got ${MAX_TIMER_SECONDS + 1})`,
      );
    }
  });

  it('are accepted up to the bound', () => {
    for (const key of keys.filter((k) => !k.startsWith('lease.'))) {
      const [section, name] = key.split('.');
      expect(problems(`${section}: { ${name}: ${MAX_TIMER_SECONDS} }`), key).toEqual([]);
    }
    expect(problems(`lease: { seconds: ${MAX_TIMER_SECONDS}, heartbeatSeconds: 5 }`)).toEqual([]);
  });

  it('durations in days stop at ten years', () => {
    expect(problems('history: { keepDays: 1e300 }')).toEqual([
      'test.yaml: history.keepDays: at most 3650 days (ten years) (got 1e+300)',
    ]);
    expect(problems('drafts: { expireAfterDays: 3651 }')).toEqual([
      'test.yaml: drafts.expireAfterDays: at most 3650 days (ten years) (got 3651)',
    ]);
    expect(problems('drafts: { expireAfterDays: 3650 }\nhistory: { keepDays: 3650 }')).toEqual([]);
  });
});

describe('the lease', () => {
  it('must be longer than two heartbeats, and the problem names lease.seconds', () => {
    expect(problems('lease: { seconds: 2, heartbeatSeconds: 5 }')).toEqual([
      'test.yaml: lease.seconds: must be longer than two heartbeats (2 × lease.heartbeatSeconds = 10) (got 2)',
    ]);
    expect(problems('lease: { seconds: 10, heartbeatSeconds: 5 }')).toHaveLength(1);
    expect(problems('lease: { seconds: 10.5, heartbeatSeconds: 5 }')).toEqual([]);
    // The shipped defaults and the tests' fast timings are fine.
    expect(problems('')).toEqual([]);
    expect(problems('lease: { seconds: 2, heartbeatSeconds: 0.5 }')).toEqual([]);
  });
});

describe('sync.maxMessageBytes', () => {
  it('has a ceiling of 50 MB', () => {
    expect(MAX_MESSAGE_BYTES_CEILING).toBe(52428800);
    expect(problems('sync: { maxMessageBytes: 1e12 }')).toEqual([
      'test.yaml: sync.maxMessageBytes: at most 52428800 (50 MB): parsing holds a message several times over in memory (got 1000000000000)',
    ]);
    expect(problems('sync: { maxMessageBytes: 52428800 }')).toEqual([]);
  });
});

describe('review.token', () => {
  const says = (token: string) => problems(`review: { token: ${JSON.stringify(token)} }`);

  it('is refused when short, blank, spaced or made of a few characters, without echoing it', () => {
    expect(says('a'.repeat(16))).toEqual([
      'test.yaml: review.token: at least 5 different characters: "aaaa…" or "abab…" is guessed at once (generate one: openssl rand -base64 24)',
    ]);
    expect(says(' '.repeat(16))).toEqual([
      'test.yaml: review.token: no spaces or control characters',
      'test.yaml: review.token: at least 5 different characters: "aaaa…" or "abab…" is guessed at once (generate one: openssl rand -base64 24)',
    ]);
    expect(says('abcdefghijklmno')).toEqual(['test.yaml: review.token: at least 16 characters']);
    expect(says('abcd'.repeat(4))).toHaveLength(1);
    expect(says('correct horse battery')).toEqual([
      'test.yaml: review.token: no spaces or control characters',
    ]);
    expect(says('tab\there-is-a-long-token')).toHaveLength(1);
  });

  it('is accepted when generated, or left out', () => {
    expect(says('review-token-for-the-browser-test')).toEqual([]);
    expect(says('q8V0m3kZ/7rXh2Lw+9aNcP1t')).toEqual([]);
    expect(problems('review: { token: null }')).toEqual([]);
  });
});
