// email_m2m_invite_single_01 (2016-2022) and its reminder email_m2m_invite_reminder_01 (2017-2021).
import { a, button, escapeHtml, htmlBody, linksFor, textBody } from '../render.ts';
import { type Family, mutualLine, note, placed } from './shared.ts';

export interface M2mFrame {
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

export const m2m2016: Family = {
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

export const memberReminder: Family = {
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
