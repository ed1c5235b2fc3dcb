// The 512px "mercado" layout, 2023-2026, HTML only or with the 2026 text part.
import { a, button, escapeHtml, htmlBody, linksFor, noteText, textBody } from '../render.ts';
import { type Family, mutualLine, note, placed } from './shared.ts';

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

export const mercado: Family = {
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
