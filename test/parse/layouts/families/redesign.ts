// A redesign no language pack knows, as LinkedIn might ship it tomorrow: the structure of the
// 2024-2026 invitation (identity block with the profile link, note, accept link with invitationId
// and sharedKey, trk slots, lipi, X-LinkedIn-Template) with every frame line worded anew: new
// headings, button labels, footers, and a new default note. Other LinkedIn mail arrives in the
// same new frame: a people-you-may-know digest and a message notification. All wording here is
// invented for the generator; none of it is LinkedIn's.
import { escapeHtml } from '../render.ts';
import {
  block,
  buttons,
  cutHeadline,
  footer,
  link,
  type Mail,
  page,
  preheaderText,
  profileUrl,
  type Scene,
  textBlocks,
  trk,
} from '../scene.ts';
import { type Frame2026, renderInvite } from './invite2026.ts';

const REDESIGN: Record<string, Frame2026> = {
  en: {
    accept: 'Add to my network',
    view: 'Open their page',
    connect: 'Follow',
    mutual: (n) => `Shared contacts: ${n}`,
    pymk: 'Suggested for you this week',
    pendingHeading: 'Still in your queue',
    pendingAccept: 'Confirm this request',
    promo: 'Try LinkedIn on your computer',
    mobile: 'Or get it on your phone',
    intended: (n, h) => `Delivered to ${n} — ${h}`,
    learn: 'Why am I seeing this?',
    receiving: 'Notification type: connection requests.',
    unsubscribe: 'Stop these emails',
    help: 'Support centre',
    copyright: 'LinkedIn Corp. © 2027 · 1000 W. Maude Ave · Sunnyvale, California 94085',
    subject: 'Someone new would like to join your circle',
    heading: (n) => `${n} sent you a request`,
  },
  de: {
    accept: 'In mein Netzwerk aufnehmen',
    view: 'Seite öffnen',
    connect: 'Folgen',
    mutual: (n) => `Gemeinsame Bekannte: ${n}`,
    pymk: 'Diese Woche für Sie ausgewählt',
    pendingHeading: 'Noch offen',
    pendingAccept: 'Anfrage bestätigen',
    promo: 'LinkedIn jetzt auf dem Computer ausprobieren',
    mobile: 'Oder auf dem Telefon',
    intended: (n, h) => `Zugestellt an ${n} — ${h}`,
    learn: 'Warum sehe ich das?',
    receiving: 'Benachrichtigungsart: Kontaktanfragen.',
    unsubscribe: 'Diese E-Mails beenden',
    help: 'Hilfebereich',
    copyright: 'LinkedIn Corp. © 2027 · Wilton Plaza · Dublin 2 · Irland',
    subject: 'Jemand Neues möchte in Ihren Kreis',
    heading: (n) => `${n} hat Ihnen eine Anfrage geschickt`,
  },
  es: {
    accept: 'Añadir a mi red',
    view: 'Abrir su página',
    connect: 'Seguir',
    mutual: (n) => `Contactos compartidos: ${n}`,
    pymk: 'Sugerencias de esta semana',
    pendingHeading: 'Todavía pendiente',
    pendingAccept: 'Confirmar esta solicitud',
    promo: 'Prueba LinkedIn en tu ordenador',
    mobile: 'O descárgalo en tu teléfono',
    intended: (n, h) => `Entregado a ${n} — ${h}`,
    learn: '¿Por qué veo esto?',
    receiving: 'Tipo de aviso: solicitudes de contacto.',
    unsubscribe: 'Dejar de recibir estos emails',
    help: 'Centro de soporte',
    copyright: 'LinkedIn Corp. © 2027 · Wilton Plaza · Dublín 2 · Irlanda',
    subject: 'Alguien nuevo quiere unirse a tu círculo',
    heading: (n) => `${n} te ha enviado una solicitud`,
  },
};

export const REDESIGN_LANGUAGES = Object.keys(REDESIGN);

/** The redesign's default note: what an inviter who writes nothing sends, in a wording no pack has. */
export const REDESIGN_DEFAULT_NOTE: Record<string, string> = {
  en: "Let's grow our professional circles together on LinkedIn.",
  de: 'Lassen Sie uns unsere beruflichen Kreise auf LinkedIn gemeinsam erweitern.',
  es: 'Hagamos crecer juntos nuestros círculos profesionales en LinkedIn.',
};

const TEMPLATE = 'email_m2m_invite_single_02';

function frame(lang: string): Frame2026 {
  return REDESIGN[lang] ?? (REDESIGN.en as Frame2026);
}

export function redesignInvite(s: Scene): Mail {
  return renderInvite(s, frame(s.lang), TEMPLATE);
}

function frameFooter(s: Scene, f: Frame2026, template: string): { html: string; text: string } {
  const unsub = `https://www.linkedin.com/comm/psettings/email-unsubscribe?${trk(template, 'unsubscribe')}`;
  const help = `https://www.linkedin.com/help/linkedin?${trk(template, 'help')}`;
  const learn = `https://www.linkedin.com/help/linkedin/answer/4788?${trk(template, 'learn_why')}`;
  const html = [
    escapeHtml(f.intended(s.recipient.name, s.recipient.headline)),
    link(learn, f.learn),
    escapeHtml(f.receiving.replace(/:.*/, ': updates from your network.')),
    `${link(unsub, f.unsubscribe)} · ${link(help, f.help)}`,
    escapeHtml(f.copyright),
  ];
  return {
    html: block(footer(html, s.axes), s.axes, 99),
    text: [
      f.intended(s.recipient.name, s.recipient.headline),
      f.learn,
      `${f.unsubscribe}: ${unsub}`,
      f.copyright,
    ].join('\n'),
  };
}

function header(s: Scene, template: string): string {
  const glimmer = profileUrl(s.recipient.vanity, template, 'header-0-profile_glimmer');
  return block(
    [
      `${link(`https://www.linkedin.com/comm/feed/?${trk(template, 'header-0-home_glimmer')}`, 'LinkedIn')} ${link(glimmer, s.recipient.name)}`,
    ],
    s.axes,
    0,
  );
}

/** email_pymk_02 in the new frame: cards of people with their profile links, no invitation. */
export function redesignPymk(s: Scene): Mail {
  const f = frame(s.lang);
  const template = 'email_pymk_02';
  const people = [s.inviter, ...s.others].slice(0, Math.max(2, s.axes.pymk + 1));
  const cards = people.map((p, i) => {
    const url = profileUrl(p.vanity, template, `pymk-${i}-prof%7Ename`);
    return {
      html: block(
        [
          link(url, p.name),
          escapeHtml(cutHeadline(p.headline)),
          p.location ? escapeHtml(p.location) : '',
          buttons([[url, f.connect]], s.axes),
        ],
        s.axes,
        i + 2,
      ),
      text: `${p.name}\n${cutHeadline(p.headline)}\n${f.connect}: ${url}`,
    };
  });
  const foot = frameFooter(s, f, template);
  return {
    from: { name: 'LinkedIn', address: 'messages-noreply@linkedin.com' },
    subject: f.pymk,
    template,
    text:
      s.axes.parts === 'html'
        ? null
        : textBlocks([f.pymk, ...cards.map((c) => c.text), '----------', foot.text]),
    html:
      s.axes.parts === 'text'
        ? null
        : page(
            s.lang,
            [
              header(s, template),
              block([`<h2>${escapeHtml(f.pymk)}</h2>`], s.axes, 1),
              ...cards.map((c) => c.html),
              foot.html,
            ],
            preheaderText({ ...s, note: null }, f.pymk),
            s.axes,
          ),
  };
}

const WROTE: Record<string, (first: string) => string> = {
  en: (n) => `${n} wrote to you`,
  de: (n) => `${n} hat Ihnen geschrieben`,
  es: (n) => `${n} te ha escrito`,
};
const REPLY: Record<string, string> = { en: 'Reply now', de: 'Jetzt antworten', es: 'Responder' };

/** email_member_message_v2 in the new frame: a person's message, which is not an invitation. */
export function redesignMessage(s: Scene): Mail {
  const f = frame(s.lang);
  const template = 'email_member_message_v2';
  const wrote = (WROTE[s.lang] ?? (WROTE.en as (n: string) => string))(s.inviter.first);
  const reply = REPLY[s.lang] ?? 'Reply now';
  const thread = `https://www.linkedin.com/comm/messaging/thread/2-ZmQ4NzJkYjMtOWE1Ny00/?${trk(template, 'reply-0-cta')}`;
  const body = (s.note?.paragraphs ?? [wrote]).join('\n\n');
  const foot = frameFooter(s, f, template);
  const card = profileUrl(s.inviter.vanity, template, 'hero-0-prof%7Ename');
  return {
    from: {
      name: `${s.inviter.name} via LinkedIn`,
      address: 'messaging-digest-noreply@linkedin.com',
    },
    subject: wrote,
    template,
    text:
      s.axes.parts === 'html'
        ? null
        : textBlocks([
            wrote,
            `${s.inviter.name}\n${s.inviter.headline}`,
            body,
            `${reply}: ${thread}`,
            '----------',
            foot.text,
          ]),
    html:
      s.axes.parts === 'text'
        ? null
        : page(
            s.lang,
            [
              header(s, template),
              block([`<h2>${escapeHtml(wrote)}</h2>`], s.axes, 1),
              block([link(card, s.inviter.name), escapeHtml(s.inviter.headline)], s.axes, 2),
              block([`<p>${escapeHtml(body).replace(/\n\n/g, '<br><br>')}</p>`], s.axes, 3),
              block([buttons([[thread, reply]], s.axes)], s.axes, 4),
              foot.html,
            ],
            preheaderText({ ...s, note: null }, wrote),
            s.axes,
          ),
  };
}
