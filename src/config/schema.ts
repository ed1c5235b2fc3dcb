/**
 * The shape of config/wherewemet.yaml. Every key is documented in the shipped file; defaults
 * here and there must agree. Connection settings may be absent from the file when IMAP_URL and
 * REDIS_URL are set: `requireConnection` checks them only for commands that connect.
 */
import { z } from 'zod';

export const CATEGORIES = ['no-context', 'has-context', 'pitch', 'known', 'suspicious'] as const;
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

const imapSchema = z.strictObject({
  host: nonEmpty.nullable().default(null),
  port: z.number().int().min(1).max(65535).nullable().default(null),
  secure: z.boolean().default(true),
  user: nonEmpty.nullable().default(null),
  password: z.string().nullable().default(null),
  tlsRejectUnauthorized: z.boolean().default(true),
});

const mailboxesSchema = z.strictObject({
  inbox: nonEmpty.default('INBOX'),
  drafts: nonEmpty.nullable().default(null),
  sent: nonEmpty.nullable().default(null),
  trash: nonEmpty.nullable().default(null),
});

const redisSchema = z.strictObject({
  url: nonEmpty.nullable().default(null),
  prefix: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, dash and underscore only')
    .default('wherewemet'),
});

const smtpSchema = z.strictObject({
  url: nonEmpty.nullable().default(null),
  /** The provider files what it relays in Sent itself (Gmail does): then approve does not. */
  providerSavesToSent: z.boolean().default(false),
});

const draftsSchema = z.strictObject({
  expireAfterDays: z.number().int().min(1).nullable().default(null),
  checkEverySeconds: z.number().int().min(5).default(60),
  /** Some clients delete the draft before they file the sent copy: wait before "discarded". */
  missingGraceSeconds: z.number().int().min(0).default(300),
});

const reviewSchema = z.strictObject({
  host: nonEmpty.default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8025),
  token: z.string().min(16, 'at least 16 characters').nullable().default(null),
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
    .min(10_000)
    .default(5 * 1024 * 1024),
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
  /** Keep watching and classifying, but write no drafts until this is false again. */
  paused: z.boolean().default(false),
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

export const configSchema = z
  .strictObject({
    imap: imapSchema.prefault({}),
    mailboxes: mailboxesSchema.prefault({}),
    redis: redisSchema.prefault({}),
    smtp: smtpSchema.prefault({}),
    drafts: draftsSchema.prefault({}),
    review: reviewSchema.prefault({}),
    me: meSchema.prefault({}),
    sync: syncSchema.prefault({}),
    authenticity: authenticitySchema.prefault({}),
    rules: rulesSchema.prefault({}),
    templates: z.record(nonEmpty, templateSchema).default({}),
  })
  .superRefine((config, ctx) => {
    for (const category of CATEGORIES) {
      const action = config.rules.actions[category];
      if (action !== 'none' && !(action in config.templates)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', 'actions', category],
          message: `names template "${action}", which is not defined under templates`,
        });
      }
    }
  });

export type Config = z.infer<typeof configSchema>;
export type TemplateConfig = Config['templates'][string];
export type TemplateText = z.infer<typeof templateTextSchema>;
