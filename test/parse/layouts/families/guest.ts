// Invitations to non-members (invite_guest, 2015-2017) and their 2016 reminders.
import { a, button, escapeHtml, htmlBody, textBody } from '../render.ts';
import { type Family, note, placed } from './shared.ts';

/** invite_guest, 2015-2017: invitations/2015-guest-default-en, 2016-guest-default-id, 2017-guest-personal-en. */
const GUEST: Record<
  string,
  {
    greeting: (f: string) => string;
    confirm: (n: string) => string;
    footer: string[];
    sentTo: (a: string) => string;
    help: string;
    copyright: string;
  }
> = {
  en: {
    greeting: (f) => `Hi ${f},`,
    confirm: (n) => `Confirm that you know ${n}`,
    footer: [
      'You received an invitation to connect. LinkedIn will use your email address to make suggestions to our members in features like People You May Know. Unsubscribe',
    ],
    sentTo: (addr) => `This email was sent to ${addr}.`,
    help: 'If you need assistance or have questions, please contact LinkedIn Customer Service',
    copyright:
      '© 2017 LinkedIn Corporation, 2029 Stierlin Court, Mountain View CA 94043. LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.',
  },
  id: {
    greeting: (f) => `Hai ${f},`,
    confirm: (n) => `Harap konfirmasi bahwa Anda mengenal ${n}`,
    footer: [
      'Anda mendapatkan undangan untuk terhubung. LinkedIn akan menggunakan alamat email untuk memberi saran ke anggota lainnya di fitur seperti Orang yang Mungkin Anda Kenal. Berhenti berlangganan',
    ],
    sentTo: (addr) => `Email ini dikirim ke ${addr}.`,
    help: 'Jika Anda memerlukan bantuan atau memiliki pertanyaan, silakan hubungi Layanan Pelanggan LinkedIn',
    copyright:
      '© 2016 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085. LinkedIn dan logo LinkedIn adalah merek dagang terdaftar dari LinkedIn.',
  },
};

export const guest: Family = {
  name: 'guest-2015 (invite_guest, text + HTML)',
  fixtures: ['invitations/2017-guest-personal-en.eml', 'invitations/2015-guest-default-en.eml'],
  languages: Object.keys(GUEST),
  parts: ['both', 'text', 'html'],
  places: ['between greeting and signature', 'after the button'],
  hasGreeting: true,
  hasIdentity: false,
  hasPreheader: false,
  defaultNote: {
    en: "I'd like to add you to my professional network on LinkedIn.",
    id: 'Saya ingin menambahkan Anda ke jaringan profesional saya di LinkedIn.',
  },
  render(v) {
    const f = GUEST[v.lang] ?? (GUEST.en as NonNullable<(typeof GUEST)['en']>);
    const n = note(v, this);
    const confirm = `https://www.linkedin.com/comm/start/accept-invitation?sharedKey=lxX_s1O7&invitationId=6235036502932958136&trk=eml-invite_guest-hero-1-accept_text`;
    const service =
      'https://www.linkedin.com/e/v2?e=7qj2v-iywsrbrs-dp&a=customerServiceUrl&ek=invite_guest';
    const label = v.rename[0] ?? f.confirm(v.inviter.name);
    const text = textBody(
      placed(
        [
          v.greeting ? f.greeting(v.recipient.first) : null,
          'NOTE',
          `- ${v.inviter.first}`,
          `${label}: ${confirm}`,
          'NOTE',
          ...f.footer,
          f.sentTo(v.recipient.address),
          `${f.help}: ${service}`,
          f.copyright,
        ],
        v,
        n?.text ?? null,
        2,
      ),
    );
    const html = htmlBody(
      v,
      v.lang,
      placed(
        [
          v.greeting ? `<p>${escapeHtml(f.greeting(v.recipient.first))}</p>` : '',
          'NOTE',
          `<p>- ${escapeHtml(v.inviter.first)}</p>`,
          button(confirm, label),
          'NOTE',
          ...f.footer.map((line) => `<p>${escapeHtml(line)}</p>`),
          `<p>${escapeHtml(f.sentTo(v.recipient.address))}</p>`,
          `<p>${escapeHtml(f.help)}: ${a(service, 'LinkedIn Customer Service')}</p>`,
          `<p>${escapeHtml(f.copyright)}</p>`,
        ],
        v,
        n ? `<p>${n.html}</p>` : null,
        2,
      ),
      null,
    );
    return {
      from: { name: v.inviter.name, address: 'invitations@linkedin.com' },
      subject: `${v.recipient.first}, please add me to your LinkedIn network`,
      template: 'invite_guest',
      text,
      html,
    };
  },
};

/** first/second_guest_reminder_01, 2016: the note (if any) after the buttons. reminders/2016-*. */
export const guestReminder: Family = {
  name: 'guest-reminder-2016 (note after the buttons, text + HTML)',
  fixtures: [
    'reminders/2016-first-guest-reminder-en.eml',
    'reminders/2016-second-guest-reminder-es-note.eml',
  ],
  languages: ['en'],
  parts: ['both', 'text', 'html'],
  places: ['after the buttons', 'between heading and buttons'],
  hasGreeting: true,
  hasIdentity: false,
  hasPreheader: false,
  defaultNote: null,
  render(v) {
    const n = note(v, this);
    const acceptUrl =
      'https://www.linkedin.com/comm/start/accept-invitation?sharedKey=x9c1dT8H&invitationId=6211192583918108278&trk=eml-second_guest_reminder_01-hero-105-accept_text';
    const profileUrl =
      'https://www.linkedin.com/comm/start/accept-invitation?sharedKey=x9c1dT8H&invitationId=6211192583918108278&trk=eml-second_guest_reminder_01-hero-3-profile_text';
    const service =
      'https://www.linkedin.com/e/v2?e=-4r3v6v-iwf2d4q0-il&a=customerServiceUrl&ek=second_guest_reminder_01';
    const accept = v.rename[0] ?? 'Accept';
    const view = v.rename[1] ?? `View ${v.inviter.name}'s profile`;
    const heading = `${v.inviter.name} would like to connect on LinkedIn. How would you like to respond?`;
    const footer = [
      'You received an invitation to connect. LinkedIn will use your email address to make suggestions to our members in features like People You May Know. Unsubscribe',
      `This email was sent to ${v.recipient.address}.`,
    ];
    const copyright =
      '© 2016 LinkedIn Corporation, 2029 Stierlin Court, Mountain View CA 94043. LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.';
    const text = textBody(
      placed(
        [
          v.greeting ? `Hi ${v.recipient.first},` : null,
          heading,
          'NOTE',
          `${accept}: ${acceptUrl}\n\n${view}: ${profileUrl}`,
          'NOTE',
          ...footer,
          `If you need assistance or have questions, please contact LinkedIn Customer Service: ${service}`,
          copyright,
        ],
        { ...v, place: v.place + 1 },
        n?.text ?? null,
        2,
      ),
    );
    const html = htmlBody(
      v,
      v.lang,
      placed(
        [
          v.greeting ? `<p>Hi ${escapeHtml(v.recipient.first)},</p>` : '',
          `<h2>${escapeHtml(heading)}</h2>`,
          'NOTE',
          `<table><tr><td>${button(acceptUrl, accept)}</td><td>${button(profileUrl, view)}</td></tr></table>`,
          'NOTE',
          ...footer.map((line) => `<p>${escapeHtml(line)}</p>`),
          `<p>If you need assistance or have questions, please contact LinkedIn Customer Service: ${a(service, 'LinkedIn Customer Service')}</p>`,
          `<p>${escapeHtml(copyright)}</p>`,
        ],
        { ...v, place: v.place + 1 },
        n ? `<p>${n.html}</p>` : null,
        2,
      ),
      null,
    );
    return {
      from: { name: v.inviter.name, address: 'invitations@linkedin.com' },
      subject: `${v.inviter.name} is waiting for your response`,
      template: 'second_guest_reminder_01',
      text,
      html,
    };
  },
};
