/**
 * The shape of config/wherewemet.yaml. Every key is documented in the shipped file; defaults
 * here and there must agree. Connection settings may be absent from the file when IMAP_URL and
 * REDIS_URL are set: `resolveAccounts` checks them only for commands that connect.
 */
import { z } from 'zod';
import { isLoopbackUrl } from '../net/loopback.ts';
import { MAIL_PROVIDERS, OAUTH2_PROVIDERS } from './providers.ts';

export const CATEGORIES = [
  'no-context',
  'has-context',
  'pitch',
  'known',
  'suspicious',
  'unsure',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Variables a template may use; anything else is a config error. */
export const TEMPLATE_VARIABLES = [
  'firstName',
  'greetingName',
  'fullName',
  'headline',
  'location',
  'note',
  'profileUrl',
  'myName',
] as const;

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/**
 * Node's timers hold at most 2^31-1 ms; a longer delay fires at once (with a warning), so a
 * "wait 35 days" would retry a refused login in a loop. Every duration a timer waits for is
 * bounded by this, in whole seconds: 2147483 s, about 24.8 days.
 */
export const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** A duration in seconds that a timer waits for: from `min` up to what a Node timer holds. */
const timerSeconds = (min: number) =>
  z
    .number()
    .min(min, `at least ${min}`)
    .max(
      MAX_TIMER_SECONDS,
      `at most ${MAX_TIMER_SECONDS} seconds (about 24.8 days): Node's timers hold no longer, and a longer wait fires at once`,
    );

/** Durations in days (compared with dates, never a timer): ten years is past any use. */
const MAX_DAYS = 3650;
const DAYS_BOUND = `at most ${MAX_DAYS} days (ten years)`;

/**
 * The largest mail `run` downloads and parses. Parsing holds a message several times over (the
 * probe measured 649 MB for a 70 MB mail); 50 MB keeps one message under about half a gigabyte,
 * and is already twice what most providers accept (Gmail, Outlook: 25 MB). An invitation is
 * under 100 KB.
 */
export const MAX_MESSAGE_BYTES_CEILING = 50 * 1024 * 1024;

/**
 * review.token is typed on a sign-in page that anyone who reaches it can try: 16 characters at
 * least, no whitespace (it would be lost in copying), and not a pattern of a few characters.
 */
const reviewToken = z
  .string()
  .min(16, 'at least 16 characters')
  .refine((t) => !/[\s\p{C}]/u.test(t), 'no spaces or control characters')
  .refine(
    (t) => new Set(t).size >= 5,
    'at least 5 different characters: "aaaa…" or "abab…" is guessed at once (generate one: openssl rand -base64 24)',
  );

const httpsUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .refine(
    (u) => u.startsWith('https:') || isLoopbackUrl(u),
    'must be https (http only on loopback)',
  );

/** OAuth2 instead of a password: an access token from `refreshToken` or the token store. */
const oauth2Schema = z
  .strictObject({
    provider: z.enum(OAUTH2_PROVIDERS),
    clientId: nonEmpty,
    /** Optional for public clients. */
    clientSecret: z.string().nullable().default(null),
    /** Required for `custom`; google and microsoft have theirs built in. */
    tokenUrl: httpsUrl.nullable().default(null),
    authorizeUrl: httpsUrl.nullable().default(null),
    deviceAuthorizationUrl: httpsUrl.nullable().default(null),
    /** null: the provider's documented scopes. */
    scopes: z.array(nonEmpty).min(1).nullable().default(null),
    /** For servers without a browser; otherwise `wherewemet login` puts one in the token store. */
    refreshToken: nonEmpty.nullable().default(null),
  })
  .superRefine((o, ctx) => {
    if (o.provider !== 'custom') return;
    if (!o.tokenUrl)
      ctx.addIssue({ code: 'custom', path: ['tokenUrl'], message: 'required for provider custom' });
    if (!o.scopes)
      ctx.addIssue({ code: 'custom', path: ['scopes'], message: 'required for provider custom' });
  });

export type OAuth2Config = z.infer<typeof oauth2Schema>;

const imapSchema = z
  .strictObject({
    /** imap://user:password@host:port or imaps://…; fills in host, port, secure, user and password. */
    url: nonEmpty.nullable().default(null),
    host: nonEmpty.nullable().default(null),
    port: z.number().int().min(1).max(65535).nullable().default(null),
    secure: z.boolean().default(true),
    user: nonEmpty.nullable().default(null),
    password: z.string().nullable().default(null),
    oauth2: oauth2Schema.nullable().default(null),
    tlsRejectUnauthorized: z.boolean().default(true),
    /** With secure: false, go on without STARTTLS when the server offers none (test servers on this machine). */
    allowPlaintext: z.boolean().default(false),
  })
  .superRefine((imap, ctx) => {
    if (imap.password !== null && imap.oauth2 !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['oauth2'],
        message: 'set either password or oauth2, not both',
      });
    }
  });

/**
 * smtp:// (STARTTLS) or smtps:// with a valid host and port. Checked here with the WHATWG parser
 * because nodemailer's legacy url.parse() echoes a malformed URL, password and all, in a warning.
 */
const smtpUrl = nonEmpty.refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}, 'must be smtp://host:port or smtps://host:port (user and password URL-encoded, port a number)');

const mailboxesSchema = z.strictObject({
  inbox: nonEmpty.default('INBOX'),
  drafts: nonEmpty.nullable().default(null),
  sent: nonEmpty.nullable().default(null),
  trash: nonEmpty.nullable().default(null),
});

/** One node of a Redis Cluster: redis:// (or rediss:// for TLS) with a host and a port. */
const redisNodeUrl = nonEmpty.refine((value) => {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'redis:' || url.protocol === 'rediss:') && !!url.hostname && !!url.port
    );
  } catch {
    return false;
  }
}, 'must be redis://host:port or rediss://host:port (user and password URL-encoded)');

const redisSchema = z
  .strictObject({
    /** null: the Redis on 127.0.0.1:localPort, which `run` starts itself when none is there. */
    url: nonEmpty.nullable().default(null),
    /** A Redis Cluster instead: some of its nodes (the client finds the others). */
    clusterNodes: z
      .array(redisNodeUrl)
      .min(1, 'list at least one node of the cluster, or null for a single Redis')
      .nullable()
      .default(null),
    localPort: z.number().int().min(1).max(65535).default(6379),
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, dash and underscore only')
      .default('wherewemet'),
    /** Run even when Redis may evict keys (maxmemory-policy other than noeviction): state can be lost. */
    allowEviction: z.boolean().default(false),
  })
  .superRefine((redis, ctx) => {
    if (redis.url !== null && redis.clusterNodes !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['clusterNodes'],
        message:
          'set either redis.url (a single Redis) or redis.clusterNodes (a Redis Cluster), not both; REDIS_URL sets the first, REDIS_CLUSTER_NODES the second',
      });
  });

const smtpSchema = z.strictObject({
  url: smtpUrl.nullable().default(null),
  /** null: the same as imap.oauth2 (when the URL has no password). */
  oauth2: oauth2Schema.nullable().default(null),
  /** The provider files what it relays in Sent itself (Gmail does): then approve does not. */
  providerSavesToSent: z.boolean().default(false),
  /** Log in without STARTTLS when the server offers none (a test server on this machine only). */
  allowPlaintext: z.boolean().default(false),
  /** How long an approval's "sending" record outlives a process that stopped mid-send. */
  holdSeconds: timerSeconds(1).int().default(30),
});

const stateSchema = z.strictObject({
  /** Where the token store lives; null: $XDG_STATE_HOME/wherewemet or ~/.local/state/wherewemet. */
  dir: nonEmpty.nullable().default(null),
});

const draftsSchema = z.strictObject({
  expireAfterDays: z.number().int().min(1).max(MAX_DAYS, DAYS_BOUND).nullable().default(null),
  /** How often Drafts and Sent are checked for changes: one STATUS command each when nothing changed. */
  checkEverySeconds: timerSeconds(0.1).default(5),
  /** Some clients delete the draft before they file the sent copy: wait before "discarded". */
  missingGraceSeconds: timerSeconds(0).int().default(300),
});

/** Prometheus metrics of `run` at http://host:port/metrics; port null: none. */
const metricsSchema = z.strictObject({
  host: nonEmpty.default('127.0.0.1'),
  /** 0: any free port (the log says which). */
  port: z.number().int().min(0).max(65535).nullable().default(null),
});

const reviewSchema = z.strictObject({
  host: nonEmpty.default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8025),
  token: reviewToken.nullable().default(null),
  /** How long a signed-in browser stays signed in. */
  sessionHours: z
    .number()
    .positive()
    .max(24 * 30, 'at most 720 (30 days)')
    .default(12),
  /** Listen beyond loopback over plain HTTP (behind a proxy that adds TLS, or in a container). */
  allowRemote: z.boolean().default(false),
  /** Host names the page answers to besides localhost, 127.0.0.1, ::1 and review.host. */
  allowedHosts: z.array(nonEmpty).default([]),
  /** Certificate and key (PEM files, relative to the config file) to serve over HTTPS. */
  tls: z
    .strictObject({
      cert: nonEmpty.nullable().default(null),
      key: nonEmpty.nullable().default(null),
    })
    .refine((t) => (t.cert === null) === (t.key === null), {
      message: 'give both cert and key, or neither',
    })
    .prefault({}),
});

const meSchema = z.strictObject({
  name: z.string().trim().nullable().default(null),
  address: z.email('must be an email address').nullable().default(null),
  /** Plain text added under every draft, after the usual "-- " separator. */
  signature: z.string().nullable().default(null),
});

const authenticitySchema = z.strictObject({
  /** Your mail server's authserv-id: only its Authentication-Results header is trusted. null: the topmost. */
  trustedAuthservId: nonEmpty.nullable().default(null),
  /** Check LinkedIn's DKIM signature ourselves (a DNS lookup per invitation) when the server's verdict is missing. */
  verifyDkim: z.boolean().default(true),
});

const syncSchema = z.strictObject({
  lookbackDays: z.number().int().min(0).max(3650).default(30),
  maxMessageBytes: z
    .number()
    .int()
    .min(10_000, 'at least 10000')
    .max(
      MAX_MESSAGE_BYTES_CEILING,
      `at most ${MAX_MESSAGE_BYTES_CEILING} (50 MB): parsing holds a message several times over in memory`,
    )
    .default(5 * 1024 * 1024),
});

/** How soon to try again; tests shorten these to fractions of a second. */
const backoffSchema = z.strictObject({
  /** First retry after a failure (network, DNS, Redis); doubled each time up to maxSeconds. */
  initialSeconds: timerSeconds(0.01).default(1),
  maxSeconds: timerSeconds(0.01).default(60),
  /** While a person must act (login refused, folder missing): how often to look whether they did. */
  blockedSeconds: timerSeconds(0.01).default(900),
});

/** Which process works which account; see src/service/leases.ts. */
const leaseSchema = z
  .strictObject({
    /** A process that has not renewed its lease for this long has lost the account to another. */
    seconds: timerSeconds(0.5).default(15),
    /** How often a process renews its leases and looks for accounts to take over. */
    heartbeatSeconds: timerSeconds(0.1).default(5),
  })
  .superRefine((lease, ctx) => {
    // One late or lost renewal must not hand the account over: the owner would steal it back
    // from itself, or two processes would work it.
    if (lease.seconds <= 2 * lease.heartbeatSeconds)
      ctx.addIssue({
        code: 'custom',
        path: ['seconds'],
        input: lease.seconds,
        message: `must be longer than two heartbeats (2 × lease.heartbeatSeconds = ${2 * lease.heartbeatSeconds})`,
      });
  });

const historySchema = z.strictObject({
  /** How long the inviter's note and headline are kept once an invitation needs nothing more from you. */
  keepDays: z.number().min(0).max(MAX_DAYS, DAYS_BOUND).default(90),
});

const actionSchema = z.union([z.literal('none'), nonEmpty]);

const rulesSchema = z.strictObject({
  actions: z
    .strictObject({
      'no-context': actionSchema.default('where-we-met'),
      'has-context': actionSchema.default('none'),
      pitch: actionSchema.default('not-now'),
      known: actionSchema.default('none'),
      suspicious: z
        .literal('none', { error: 'suspicious mail never gets a draft' })
        .default('none'),
      // Held until its text is placed (learned frame, a parser upgrade, or the person's answer).
      unsure: z
        .literal('none', { error: 'an unsure invitation gets no draft until its text is placed' })
        .default('none'),
    })
    .prefault({}),
  knownPeople: z
    .strictObject({
      emails: z.array(z.email('must be an email address')).default([]),
      names: z.array(nonEmpty).default([]),
      profileUrls: z.array(z.url('must be a URL')).default([]),
      domains: z.array(nonEmpty).default([]),
      /** LinkedIn's data export of your connections, relative to the config file. */
      connectionsCsv: nonEmpty.nullable().default(null),
    })
    .prefault({}),
  pitch: z
    .strictObject({
      /** Use wherewemet's phrase list (several languages). */
      defaults: z.boolean().default(true),
      /** More phrases that mark a pitch, matched as whole words, case-insensitively. */
      add: z.array(nonEmpty).default([]),
      /** Default phrases to ignore. */
      ignore: z.array(nonEmpty).default([]),
    })
    .prefault({}),
  /** At most this many new drafts a day (local time); the rest wait for the next day. */
  dailyDraftLimit: z.number().int().min(1).nullable().default(null),
  /** Days after the question went out without an answer before the invitation is listed as "no answer". */
  answerWaitDays: z.number().min(0).default(14),
  /** Keep watching and classifying, but write no drafts until this is false again. */
  paused: z.boolean().default(false),
  /** An invitation still unsure after this many days becomes one for you to read (no draft). */
  unsureDays: z.number().int().min(1).max(90).default(7),
});

const templateTextSchema = z.strictObject({
  subject: nonEmpty,
  body: nonEmpty,
  /** Optional HTML version of the body; values are HTML-escaped in it. */
  html: nonEmpty.optional(),
});

const templateSchema = templateTextSchema.extend({
  /** Per-language variants by ISO 639-1 code; the top-level text is the fallback. */
  languages: z
    .record(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code like "de"'), templateTextSchema)
    .default({}),
});

/** Letters, digits, '-' and '_': all state in Redis is keyed by it. */
export const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * One mailbox of `accounts:`. Each section it leaves out, at any depth, comes from the top-level
 * key of the same name (see src/config/accounts.ts); what is validated here is the merged result.
 */
const accountSchema = z.strictObject({
  id: z.string().regex(ACCOUNT_ID, "letters, digits, '-' and '_' only"),
  provider: z.enum(MAIL_PROVIDERS).nullable().default(null),
  imap: imapSchema.prefault({}),
  smtp: smtpSchema.prefault({}),
  mailboxes: mailboxesSchema.prefault({}),
  me: meSchema.prefault({}),
  rules: rulesSchema.prefault({}),
  templates: z.record(nonEmpty, templateSchema).default({}),
});

/** The sections an account entry may set; the rest of the config is shared by all accounts. */
export const ACCOUNT_SECTIONS = ['imap', 'smtp', 'mailboxes', 'me', 'rules', 'templates'] as const;

export const configSchema = z
  .strictObject({
    /** Fills in the imap and smtp servers and provider habits; explicit keys win. */
    provider: z.enum(MAIL_PROVIDERS).nullable().default(null),
    imap: imapSchema.prefault({}),
    mailboxes: mailboxesSchema.prefault({}),
    redis: redisSchema.prefault({}),
    smtp: smtpSchema.prefault({}),
    state: stateSchema.prefault({}),
    drafts: draftsSchema.prefault({}),
    review: reviewSchema.prefault({}),
    metrics: metricsSchema.prefault({}),
    me: meSchema.prefault({}),
    sync: syncSchema.prefault({}),
    authenticity: authenticitySchema.prefault({}),
    rules: rulesSchema.prefault({}),
    templates: z.record(nonEmpty, templateSchema).default({}),
    backoff: backoffSchema.prefault({}),
    lease: leaseSchema.prefault({}),
    history: historySchema.prefault({}),
    accounts: z
      .array(accountSchema)
      .min(1, 'list at least one account, or leave accounts out')
      .nullable()
      .default(null),
  })
  .superRefine((config, ctx) => {
    checkActions(config, [], ctx);
    const seen = new Set<string>();
    for (const [i, account] of (config.accounts ?? []).entries()) {
      checkActions(account, ['accounts', i], ctx);
      if (seen.has(account.id))
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', i, 'id'],
          message: `"${account.id}" is used by an earlier account; ids must be unique`,
        });
      seen.add(account.id);
    }
  });

/** Every action names a template that exists (in the same account, or the top level). */
function checkActions(
  section: { rules: z.infer<typeof rulesSchema>; templates: Record<string, unknown> },
  path: Array<string | number>,
  ctx: z.RefinementCtx,
): void {
  for (const category of CATEGORIES) {
    const action = section.rules.actions[category];
    if (action !== 'none' && !(action in section.templates)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'rules', 'actions', category],
        message: `names template "${action}", which is not defined under templates`,
      });
    }
  }
}

export type Config = z.infer<typeof configSchema>;
export type AccountEntry = z.infer<typeof accountSchema>;
export type TemplateConfig = Config['templates'][string];
export type TemplateText = z.infer<typeof templateTextSchema>;
