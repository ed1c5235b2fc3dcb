// The layout families of test/fixtures, as renderers: each copies its fixtures' frame (wording,
// order, markup shape) and renders any Variant in it, with the note in one of the places the
// family (or a plausible rearrangement of it) puts it. `seed` names the fixture the family is
// checked against: rendering the seed's people and note must parse as the fixture does.
import {
  a,
  button,
  escapeHtml,
  htmlBody,
  linksFor,
  noteHtml,
  noteText,
  type Rendered,
  textBody,
  type Variant,
} from './render.ts';

export interface Family {
  name: string;
  /** Fixtures whose layout this is. */
  fixtures: string[];
  languages: string[];
  parts: Variant['parts'][];
  /** Where the note may stand, in the family's order of blocks. */
  places: string[];
  /** LinkedIn's greeting line can be there or not; families without one ignore it. */
  hasGreeting: boolean;
  hasIdentity: boolean;
  hasPreheader: boolean;
  /** LinkedIn's default note, for variants without a note of the inviter's (layouts that always carry one). */
  defaultNote: Record<string, string> | null;
  render(v: Variant): Rendered;
}

const MUTUAL: Record<string, ((n: number) => string)[]> = {
  en: [
    (n) => `${n} mutual connections`,
    (n) => `${n} connections in common`,
    (n) => `Jane Doe and ${n} other mutual connections`,
  ],
  de: [(n) => `${n} gemeinsame Kontakte`],
  fr: [(n) => `${n} relations en commun`],
  es: [(n) => `${n} contactos en común`],
  pt: [(n) => `${n} conexões em comum`],
  nl: [(n) => `${n} gemeenschappelijke connecties`],
  it: [(n) => `${n} collegamenti in comune`],
  id: [(n) => `${n} koneksi bersama`],
};

function mutualLine(v: Variant): string | null {
  if (!v.mutual) return null;
  const forms = MUTUAL[v.lang] ?? MUTUAL.en ?? [];
  return forms[v.mutual.form % forms.length]?.(v.mutual.count) ?? null;
}

/** The note in the text part, or the family's default note, or nothing. */
function note(
  v: Variant,
  family: Pick<Family, 'defaultNote'>,
): { text: string; html: string } | null {
  if (v.note) return { text: noteText(v.note, v.paragraphGap), html: noteHtml(v.note) };
  const fallback = family.defaultNote?.[v.lang];
  return fallback ? { text: fallback, html: escapeHtml(fallback) } : null;
}

/** Places blocks in order, the note at `v.place` (counted among the family's places). */
function placed<T>(blocks: (T | 'NOTE')[], v: Variant, noteBlock: T | null, places: number): T[] {
  let seen = 0;
  const out: T[] = [];
  for (const block of blocks) {
    if (block === 'NOTE') {
      if (seen++ === v.place % places && noteBlock !== null) out.push(noteBlock);
    } else out.push(block);
  }
  return out;
}

interface M2mFrame {
  greeting: (first: string) => string;
  view: string;
  accept: string;
  unsubscribe: string;
  help: string;
  receiving: string;
  intended: (to: string, headline: string) => string;
  learn: string;
  copyright: string;
  subject: (first: string) => string;
}

/** email_m2m_invite_single_01 in 2016-2022: invitations/2016-*, 2017-*, …, 2022-* (text + HTML). */
const M2M: Record<string, M2mFrame> = {
  en: {
    greeting: (f) => `Hi ${f},`,
    view: 'View profile',
    accept: 'Accept',
    unsubscribe: 'Unsubscribe',
    help: 'Help',
    receiving: 'You are receiving Invitation emails.',
    intended: (to, h) => `This email was intended for ${to} (${h}).`,
    learn: 'Learn why we included this',
    copyright:
      '© 2019 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085. LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.',
    subject: (f) => `${f}, please add me to your LinkedIn network`,
  },
  de: {
    greeting: (f) => `Hallo ${f},`,
    view: 'Profil anzeigen',
    accept: 'Annehmen',
    unsubscribe: 'Abbestellen',
    help: 'Hilfe',
    receiving: 'Sie erhalten E-Mails zu Einladungen.',
    intended: (to, h) => `Diese E-Mail ist für ${to} (${h}) bestimmt.`,
    learn: 'Erfahren Sie, warum wir diese Informationen einbezogen haben',
    copyright:
      '© 2019 LinkedIn Ireland Unlimited Company, Wilton Plaza, Wilton Place, Dublin 2. LinkedIn ist ein eingetragener Geschäftsname von LinkedIn Ireland Unlimited Company.',
    subject: (f) => `${f}, bitte nehmen Sie mich in Ihr LinkedIn Netzwerk auf`,
  },
  fr: {
    greeting: (f) => `Bonjour ${f},`,
    view: 'Voir le profil',
    accept: 'Accepter',
    unsubscribe: 'Se désabonner',
    help: 'Aide',
    receiving: 'Vous recevez des e-mails d’invitation.',
    intended: (to, h) => `Cet e-mail est destiné à ${to} (${h}).`,
    learn: 'Découvrez pourquoi nous l’avons inclus',
    copyright:
      '© 2017 LinkedIn Ireland Unlimited Company, Wilton Plaza, Wilton Place, Dublin 2. LinkedIn est le nom commercial de LinkedIn Ireland Unlimited Company.',
    subject: (f) => `${f}, merci de m’ajouter à votre réseau LinkedIn`,
  },
  es: {
    greeting: (f) => `Hola, ${f}:`,
    view: 'Ver perfil',
    accept: 'Aceptar',
    unsubscribe: 'Darse de baja',
    help: 'Ayuda',
    receiving: 'Recibes emails de invitaciones.',
    intended: (to, h) => `Este email va dirigido a ${to} (${h}).`,
    learn: 'Descubre por qué lo hemos incluido',
    copyright:
      '© 2016 LinkedIn Ireland Unlimited Company, Wilton Plaza, Wilton Place, Dublín 2. LinkedIn es un nombre comercial registrado de LinkedIn Ireland Unlimited Company.',
    subject: (f) => `${f}, por favor, añádeme a tu red de LinkedIn`,
  },
  pt: {
    greeting: (f) => `Olá ${f},`,
    view: 'Ver perfil',
    accept: 'Aceitar',
    unsubscribe: 'Cancelar inscrição',
    help: 'Ajuda',
    receiving: 'Você está recebendo e-mails de Convites.',
    intended: (to, h) => `Este e-mail foi enviado para ${to} (${h}).`,
    learn: 'Saiba por que incluímos isto',
    copyright:
      '© 2017 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085. LinkedIn e o logotipo do LinkedIn são marcas registradas do LinkedIn.',
    subject: (f) => `${f}, adicione-me à sua rede do LinkedIn`,
  },
  nl: {
    greeting: (f) => `Hallo ${f},`,
    view: 'Profiel bekijken',
    accept: 'Accepteren',
    unsubscribe: 'Afmelden',
    help: 'Help',
    receiving: 'U ontvangt e-mails over uitnodigingen.',
    intended: (to, h) => `Deze e-mail is bedoeld voor ${to} (${h}).`,
    learn: 'Ontdek waarom we dit hebben opgenomen',
    copyright:
      '© 2016 LinkedIn Ireland Unlimited Company, Wilton Plaza, Wilton Place, Dublin 2. LinkedIn is een geregistreerde handelsnaam van LinkedIn Ireland Unlimited Company.',
    subject: (f) => `${f}, voeg me toe aan je LinkedIn-netwerk`,
  },
  it: {
    greeting: (f) => `Ciao ${f},`,
    view: 'Visualizza profilo',
    accept: 'Accetta',
    unsubscribe: 'Annulla iscrizione',
    help: 'Guida',
    receiving: 'Ricevi email relative agli inviti.',
    intended: (to, h) => `Questa email è destinata a ${to} (${h}).`,
    learn: 'Scopri perché l’abbiamo inclusa',
    copyright:
      '© 2017 LinkedIn Ireland Unlimited Company, Wilton Plaza, Wilton Place, Dublino 2. LinkedIn è una denominazione commerciale registrata di LinkedIn Ireland Unlimited Company.',
    subject: (f) => `${f}, aggiungimi alla tua rete LinkedIn`,
  },
};

const m2m2016: Family = {
  name: 'm2m-2016 (email_m2m_invite_single_01, text + HTML)',
  fixtures: [
    'invitations/2016-personal-met-en-verified.eml',
    'invitations/2019-default-join-en-verified.eml',
  ],
  languages: Object.keys(M2M),
  parts: ['both', 'text', 'html'],
  places: ['between greeting and name', 'between identity block and buttons', 'after the buttons'],
  hasGreeting: true,
  hasIdentity: true,
  hasPreheader: false,
  defaultNote: null,
  render(v) {
    const f = M2M[v.lang] ?? (M2M.en as M2mFrame);
    const links = linksFor(v, 'email_m2m_invite_single_01', '6579619816987838541');
    const n = note(v, this);
    const accept = v.rename[0] ?? f.accept;
    const view = v.rename[1] ?? f.view;
    const mutual = mutualLine(v);
    const text = textBody(
      placed(
        [
          v.greeting ? f.greeting(v.recipient.first) : null,
          'NOTE',
          [v.inviter.name, v.inviter.headline, mutual].filter(Boolean).join('\n'),
          'NOTE',
          `${view}: ${links.profile}\n\n${accept}: ${links.accept}`,
          'NOTE',
          '.....................................',
          `${f.unsubscribe}: ${links.unsubscribe}\n\n${f.help}: ${links.help}\n\n`,
          f.receiving,
          `${f.intended(v.recipient.name, v.recipient.headline)}\n${f.learn}: ${links.learn}`,
          f.copyright,
        ],
        v,
        n?.text ?? null,
        3,
      ),
    );
    const greetingCell = v.greeting ? escapeHtml(f.greeting(v.recipient.first)) : '';
    const inline = v.inline && v.place % 3 === 0 && n !== null;
    const html = htmlBody(
      v,
      v.lang,
      placed(
        [
          `<table><tr><td>${a(links.recipientProfile, v.recipient.name)}</td></tr></table>`,
          inline ? `<p>${greetingCell} ${n.html}</p>` : greetingCell && `<p>${greetingCell}</p>`,
          'NOTE',
          `<table><tr><td>${a(links.profile, v.inviter.name)}</td></tr><tr><td><p>${escapeHtml(v.inviter.headline)}</p></td></tr>${v.inviter.location ? `<tr><td><p>${escapeHtml(v.inviter.location)}</p></td></tr>` : ''}${mutual ? `<tr><td><p>${escapeHtml(mutual)}</p></td></tr>` : ''}</table>`,
          'NOTE',
          `<table><tr><td>${button(links.accept, accept)}</td><td>${button(links.profile, view)}</td></tr></table>`,
          'NOTE',
          `${a(links.unsubscribe, f.unsubscribe)} | ${a(links.help, f.help)}`,
          `<p>${escapeHtml(f.receiving)}</p>`,
          `<p>${escapeHtml(f.intended(v.recipient.name, v.recipient.headline))} ${a(links.learn, `${f.learn}.`)}</p>`,
          `<p>${escapeHtml(f.copyright)}</p>`,
        ],
        v,
        n && !inline ? `<p>${n.html}</p>` : null,
        3,
      ),
      null,
    );
    return {
      from: { name: v.inviter.name, address: 'invitations@linkedin.com' },
      subject: f.subject(v.recipient.first),
      template: 'email_m2m_invite_single_01',
      text,
      html,
    };
  },
};

interface MercadoFrame {
  heading: (name: string) => string;
  accept: string;
  view: string;
  intended: (to: string, headline: string) => string;
  learn: string;
  receiving: string;
  unsubscribe: string;
  help: string;
  copyright: string;
  subject: string;
}

/** The 512px "mercado" layout, 2023-2026: invitations/2023-*, 2024-*, 2025-*, 2026-*. */
const MERCADO: Record<string, MercadoFrame> = {
  en: {
    heading: (n) => `${n} wants to connect`,
    accept: 'Accept',
    view: 'View profile',
    intended: (to, h) => `This email was intended for ${to} (${h})`,
    learn: 'Learn why we included this.',
    receiving: 'You are receiving Invitation emails.',
    unsubscribe: 'Unsubscribe',
    help: 'Help',
    copyright:
      '© 2026 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085. LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.',
    subject: 'I want to connect',
  },
  de: {
    heading: (n) => `${n} möchte sich mit Ihnen vernetzen`,
    accept: 'Annehmen',
    view: 'Profil anzeigen',
    intended: (to, h) => `Diese E-Mail ist für ${to} (${h}) bestimmt`,
    learn: 'Erfahren Sie, warum wir diese Informationen einbezogen haben.',
    receiving: 'Sie erhalten E-Mails zu Einladungen.',
    unsubscribe: 'Abbestellen',
    help: 'Hilfe',
    copyright:
      '© 2024 LinkedIn Ireland Unlimited Company, Wilton Plaza, Wilton Place, Dublin 2. LinkedIn ist ein eingetragener Geschäftsname von LinkedIn Ireland Unlimited Company.',
    subject: 'Ich möchte mich mit Ihnen vernetzen',
  },
  pt: {
    heading: (n) => `${n} quer se conectar`,
    accept: 'Aceitar',
    view: 'Ver perfil',
    intended: (to, h) => `Este e-mail foi enviado para ${to} (${h})`,
    learn: 'Saiba por que incluímos isto.',
    receiving: 'Você está recebendo e-mails de Convites.',
    unsubscribe: 'Cancelar inscrição',
    help: 'Ajuda',
    copyright:
      '© 2025 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085. LinkedIn e o logotipo do LinkedIn são marcas registradas do LinkedIn.',
    subject: 'Quero me conectar',
  },
};

const mercado: Family = {
  name: 'mercado-2023 (512px HTML, hidden preheader; 2026 text part)',
  fixtures: [
    'invitations/2026-htmlonly-note-after-location-en.eml',
    'invitations/2026-text-note-after-identity-en.eml',
  ],
  languages: Object.keys(MERCADO),
  parts: ['html', 'both'],
  places: ['above the card', 'in its own cell after the location', 'after the buttons'],
  hasGreeting: false,
  hasIdentity: true,
  hasPreheader: true,
  defaultNote: null,
  render(v) {
    const f = MERCADO[v.lang] ?? (MERCADO.en as MercadoFrame);
    const links = linksFor(v, 'email_m2m_invite_single_01', '7426897713564350931');
    const n = note(v, this);
    const accept = v.rename[0] ?? f.accept;
    const view = v.rename[1] ?? f.view;
    const mutual = mutualLine(v);
    const heading = f.heading(v.inviter.name);
    const identity = [v.inviter.name, v.inviter.headline, v.inviter.location, mutual]
      .filter(Boolean)
      .join('\n');
    const text = textBody(
      placed(
        [
          heading,
          'NOTE',
          identity,
          'NOTE',
          `${accept}: ${links.accept}\n\n${view}: ${links.profile}`,
          'NOTE',
          '----------------------------------------',
          `${f.intended(v.recipient.name, v.recipient.headline)}\n${f.learn.replace(/\.$/, '')}: ${links.learn}\n${f.receiving}`,
          `${f.unsubscribe}: ${links.unsubscribe}\n${f.help}: ${links.help}`,
          f.copyright,
        ],
        v,
        n?.text ?? null,
        3,
      ),
    );
    const cell = (html: string) =>
      `<table role="presentation"><tbody><tr><td class="pt-0.5 text-center"><p class="text-sm">${html}</p></td></tr></tbody></table>`;
    const preheaderText =
      v.note && v.preheader !== 'none'
        ? v.preheader === 'cut'
          ? `${noteText(v.note, 0).slice(0, 60)}…`
          : noteText(v.note, 0)
        : heading;
    const html = htmlBody(
      v,
      v.lang,
      placed(
        [
          `<table><tr><td>${a(links.home, 'LinkedIn')}</td><td>${a(links.recipientProfile, '')}</td></tr></table>`,
          `<h2>${escapeHtml(heading)}</h2>`,
          'NOTE',
          `<table data-test-id="invitation-card"><tbody><tr><td>${a(links.profile, v.inviter.name)}</td></tr><tr><td>${cell(escapeHtml(v.inviter.headline))}</td></tr>${v.inviter.location ? `<tr><td>${cell(escapeHtml(v.inviter.location))}</td></tr>` : ''}${mutual ? `<tr><td>${cell(escapeHtml(mutual))}</td></tr>` : ''}</tbody></table>`,
          'NOTE',
          `<table><tr><td>${button(links.accept, accept)}</td><td>${button(links.profile, view)}</td></tr></table>`,
          'NOTE',
          `<p>${escapeHtml(f.intended(v.recipient.name, v.recipient.headline))}</p>`,
          a(links.learn, f.learn),
          `<p>${escapeHtml(f.receiving)}</p>`,
          `${a(links.unsubscribe, f.unsubscribe)} · ${a(links.help, f.help)}`,
          `<p>${escapeHtml(f.copyright)}</p>`,
        ],
        v,
        n ? `<p class="border-l-4" data-test-id="invitation-message">${n.html}</p>` : null,
        3,
      ),
      preheaderText,
    );
    return {
      from: { name: v.inviter.name, address: 'invitations@linkedin.com' },
      subject: f.subject,
      template: 'email_m2m_invite_single_01',
      text,
      html,
    };
  },
};

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

const guest: Family = {
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

/** "X via LinkedIn" from member@linkedin.com, 2011-2012: invitations/2011-member-*, 2012-member-replyto-en. */
const member2011: Family = {
  name: 'member-2011 ("X via LinkedIn", text + HTML)',
  fixtures: ['invitations/2011-member-personal-en.eml', 'invitations/2011-member-default-en.eml'],
  languages: ['en'],
  parts: ['both', 'text', 'html'],
  places: ['between greeting and signature', 'after the buttons'],
  hasGreeting: true,
  hasIdentity: true,
  hasPreheader: false,
  defaultNote: { en: "I'd like to add you to my professional network on LinkedIn." },
  render(v) {
    const n = note(v, this);
    const accept =
      'http://www.linkedin.com/e/r52ynp-b98mg3zs-70/Fipf3zx7HvkEn2_W5ZYJt5oV6yeBLJ/blk/I226475913_55/kxklzIzzNUO-BKPHrsPR6op6ZZ/EML_comm_afe/';
    const view =
      'http://www.linkedin.com/e/r52ynp-b98mg3zs-70/Fipf3zx7HvkEn2_W5ZYJt5oV6yeBLJ/blk/I226475913_55/EUbTPZ8w9sQCjL8aWyzuZg9xN2Iza3/svi/';
    const acceptLabel = v.rename[0] ?? `Accept invitation from ${v.inviter.name}`;
    const viewLabel = `View invitation from ${v.inviter.name}`;
    const text = textBody(
      placed(
        [
          'LinkedIn',
          '------------',
          `    ${v.inviter.name} requested to add you as a connection on LinkedIn:`,
          '------------------------------------------',
          v.greeting ? `${v.recipient.first},` : null,
          'NOTE',
          `- ${v.inviter.first}`,
          `${acceptLabel}\n\n${accept}\n\n${viewLabel}\n\n${view}`,
          'NOTE',
          '------------------------------------------',
          "DID YOU KNOW you can be the first to know when a trusted member of your network changes jobs? With Network Updates on your LinkedIn home page, you'll be notified as members of your network change their current position. Be the first to know and reach out!",
          'http://www.linkedin.com/',
          '-- \n(c) 2011, LinkedIn Corporation',
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
          `<p>${escapeHtml(v.inviter.name)} requested to add you as a connection on LinkedIn:</p>`,
          v.greeting ? `<p>${escapeHtml(v.recipient.first)},</p>` : '',
          'NOTE',
          `<p>- ${escapeHtml(v.inviter.first)}</p>`,
          `<p>${a(accept, acceptLabel)}</p><p>${a(view, viewLabel)}</p>`,
          'NOTE',
          // Every profile had a location then.
          `<p>${escapeHtml(v.inviter.headline)}</p><p>${escapeHtml(v.inviter.location ?? 'Greater Dublin Area')}</p>`,
          '<p>© 2011, LinkedIn Corporation</p>',
        ],
        v,
        n ? `<p>${n.html}</p>` : null,
        2,
      ),
      null,
    );
    return {
      from: { name: `${v.inviter.name} via LinkedIn`, address: 'member@linkedin.com' },
      subject: 'Invitation to connect on LinkedIn',
      template: 'invite_member_01',
      text,
      html,
    };
  },
};

/** email_m2m_invite_reminder_01, 2017-2021: reminders/2017-member-personal-de, 2019-member-waiting-en, 2021-member-pitch-en. */
const REMINDER: Record<
  string,
  M2mFrame & { waiting: (n: string) => string; remSubject: (n: string) => string }
> = {
  en: {
    ...(M2M.en as M2mFrame),
    receiving: 'You are receiving Invitation reminder emails.',
    waiting: (n) => `${n} is waiting for your response`,
    remSubject: (n) => `${n}'s invitation is awaiting your response`,
  },
  de: {
    ...(M2M.de as M2mFrame),
    receiving: 'Sie erhalten E-Mails zu Erinnerungen an Einladungen.',
    waiting: (n) => `${n} wartet auf Ihre Antwort`,
    remSubject: (n) => `Die Einladung von ${n} wartet auf Ihre Antwort`,
  },
};

const memberReminder: Family = {
  name: 'member-reminder (email_m2m_invite_reminder_01, text + HTML)',
  fixtures: ['reminders/2019-member-waiting-en.eml', 'reminders/2017-member-personal-de.eml'],
  languages: Object.keys(REMINDER),
  parts: ['both', 'text', 'html'],
  places: ['under the heading', 'between identity block and buttons', 'after the buttons'],
  hasGreeting: true,
  hasIdentity: true,
  hasPreheader: false,
  defaultNote: null,
  render(v) {
    const f = REMINDER[v.lang] ?? (REMINDER.en as NonNullable<(typeof REMINDER)['en']>);
    const links = linksFor(v, 'email_m2m_invite_reminder_01', '6579619816987838541');
    const n = note(v, this);
    const accept = v.rename[0] ?? f.accept;
    const view = v.rename[1] ?? f.view;
    const mutual = mutualLine(v);
    const text = textBody(
      placed(
        [
          v.greeting ? f.greeting(v.recipient.first) : null,
          f.waiting(v.inviter.name),
          'NOTE',
          [v.inviter.name, v.inviter.headline, mutual].filter(Boolean).join('\n'),
          'NOTE',
          `${view}: ${links.profile}\n\n${accept}: ${links.accept}`,
          'NOTE',
          '.....................................',
          `${f.unsubscribe}: ${links.unsubscribe}\n\n${f.help}: ${links.help}`,
          f.receiving,
          f.intended(v.recipient.name, v.recipient.headline),
          f.copyright,
        ],
        v,
        n?.text ?? null,
        3,
      ),
    );
    const html = htmlBody(
      v,
      v.lang,
      placed(
        [
          v.greeting ? `<p>${escapeHtml(f.greeting(v.recipient.first))}</p>` : '',
          `<h2>${escapeHtml(f.waiting(v.inviter.name))}</h2>`,
          'NOTE',
          `<table><tr><td>${a(links.profile, v.inviter.name)}</td></tr><tr><td><p>${escapeHtml(v.inviter.headline)}</p></td></tr>${v.inviter.location ? `<tr><td><p>${escapeHtml(v.inviter.location)}</p></td></tr>` : ''}${mutual ? `<tr><td><p>${escapeHtml(mutual)}</p></td></tr>` : ''}</table>`,
          'NOTE',
          `<table><tr><td>${button(links.accept, accept)}</td><td>${button(links.profile, view)}</td></tr></table>`,
          'NOTE',
          `${a(links.unsubscribe, f.unsubscribe)} | ${a(links.help, f.help)}`,
          `<p>${escapeHtml(f.receiving)}</p>`,
          `<p>${escapeHtml(f.intended(v.recipient.name, v.recipient.headline))}</p>`,
          `<p>${escapeHtml(f.copyright)}</p>`,
        ],
        v,
        n ? `<p>${n.html}</p>` : null,
        3,
      ),
      null,
    );
    return {
      from: { name: v.inviter.name, address: 'invitations@linkedin.com' },
      subject: f.remSubject(v.inviter.name),
      template: 'email_m2m_invite_reminder_01',
      text,
      html,
    };
  },
};

/** first/second_guest_reminder_01, 2016: the note (if any) after the buttons. reminders/2016-*. */
const guestReminder: Family = {
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

export const FAMILIES: Family[] = [
  m2m2016,
  mercado,
  guest,
  member2011,
  memberReminder,
  guestReminder,
];
