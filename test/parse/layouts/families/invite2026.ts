// email_m2m_invite_single_01 as sent 2024-2026 ("I want to connect"): the 512px table layout, a
// hidden preheader padded with U+034F and zero-width characters, the recipient's profile glimmer
// in the header, the inviter's card (name linked to /comm/in/<vanity>, headline cut with "…",
// location, "N connections in common"), the note if any, Accept and View profile side by side,
// then the blocks LinkedIn adds: "More people you may know" cards, another pending invitation,
// the app promotion, and the footer sentences in varying order. English wording as in the public
// text rendering and the 2026 job-alert footer (linkedin-corpus/README.md); the other languages
// are written for the generator, in the wording of the existing packs where one exists.
import { escapeHtml } from '../render.ts';
import {
  block,
  buttons,
  cutHeadline,
  footer,
  link,
  type Mail,
  noteAsHtml,
  noteAsText,
  page,
  preheaderText,
  profileUrl,
  type Scene,
  textBlocks,
  trk,
} from '../scene.ts';

export interface Frame2026 {
  accept: string;
  view: string;
  connect: string;
  mutual: (n: number) => string;
  pymk: string;
  pendingHeading: string;
  pendingAccept: string;
  promo: string;
  mobile: string;
  intended: (name: string, headline: string) => string;
  learn: string;
  receiving: string;
  unsubscribe: string;
  help: string;
  copyright: string;
  subject: string;
  heading: (name: string) => string;
}

const IRELAND = '© 2026 LinkedIn Ireland Unlimited Company, Wilton Plaza, Wilton Place, Dublin 2.';

export const FRAME_2026: Record<string, Frame2026> = {
  en: {
    accept: 'Accept',
    view: 'View profile',
    connect: 'Connect',
    mutual: (n) => `${n} connections in common`,
    pymk: 'More people you may know',
    pendingHeading: 'Also waiting for your response',
    pendingAccept: 'Accept invitation to connect',
    promo: 'Get the new LinkedIn desktop app',
    mobile: 'Also available on mobile',
    intended: (n, h) => `This email was intended for ${n} (${h})`,
    learn: 'Learn why we included this.',
    receiving: 'You are receiving Invitation emails.',
    unsubscribe: 'Unsubscribe',
    help: 'Help',
    copyright: '© 2026 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085.',
    subject: 'I want to connect',
    heading: (n) => `${n} wants to connect`,
  },
  de: {
    accept: 'Annehmen',
    view: 'Profil anzeigen',
    connect: 'Vernetzen',
    mutual: (n) => `${n} gemeinsame Kontakte`,
    pymk: 'Weitere Personen, die Sie kennen könnten',
    pendingHeading: 'Wartet ebenfalls auf Ihre Antwort',
    pendingAccept: 'Einladung zum Vernetzen annehmen',
    promo: 'Holen Sie sich die neue LinkedIn Desktop-App',
    mobile: 'Auch für Mobilgeräte verfügbar',
    intended: (n, h) => `Diese E-Mail ist für ${n} (${h}) bestimmt`,
    learn: 'Erfahren Sie, warum wir diese Informationen einbezogen haben.',
    receiving: 'Sie erhalten E-Mails zu Einladungen.',
    unsubscribe: 'Abbestellen',
    help: 'Hilfe',
    copyright: IRELAND,
    subject: 'Ich möchte mich mit Ihnen vernetzen',
    heading: (n) => `${n} möchte sich mit Ihnen vernetzen`,
  },
  fr: {
    accept: 'Accepter',
    view: 'Voir le profil',
    connect: 'Se connecter',
    mutual: (n) => `${n} relations en commun`,
    pymk: 'Autres personnes que vous pourriez connaître',
    pendingHeading: 'Attend également votre réponse',
    pendingAccept: 'Accepter l’invitation à se connecter',
    promo: 'Téléchargez la nouvelle application LinkedIn pour ordinateur',
    mobile: 'Également disponible sur mobile',
    intended: (n, h) => `Cet e-mail est destiné à ${n} (${h})`,
    learn: 'Découvrez pourquoi nous l’avons inclus.',
    receiving: 'Vous recevez des e-mails d’invitation.',
    unsubscribe: 'Se désabonner',
    help: 'Aide',
    copyright: IRELAND,
    subject: 'Je souhaite me connecter',
    heading: (n) => `${n} souhaite se connecter`,
  },
  es: {
    accept: 'Aceptar',
    view: 'Ver perfil',
    connect: 'Conectar',
    mutual: (n) => `${n} contactos en común`,
    pymk: 'Más personas que quizá conozcas',
    pendingHeading: 'También espera tu respuesta',
    pendingAccept: 'Aceptar invitación para conectar',
    promo: 'Descarga la nueva aplicación de LinkedIn para ordenador',
    mobile: 'También disponible para móvil',
    intended: (n, h) => `Este email va dirigido a ${n} (${h})`,
    learn: 'Descubre por qué lo hemos incluido.',
    receiving: 'Recibes emails de invitaciones.',
    unsubscribe: 'Darse de baja',
    help: 'Ayuda',
    copyright: IRELAND,
    subject: 'Quiero conectar',
    heading: (n) => `${n} quiere conectar`,
  },
  pt: {
    accept: 'Aceitar',
    view: 'Ver perfil',
    connect: 'Conectar',
    mutual: (n) => `${n} conexões em comum`,
    pymk: 'Mais pessoas que talvez você conheça',
    pendingHeading: 'Também aguarda sua resposta',
    pendingAccept: 'Aceitar convite para se conectar',
    promo: 'Baixe o novo aplicativo do LinkedIn para desktop',
    mobile: 'Também disponível para celular',
    intended: (n, h) => `Este e-mail foi enviado a ${n} (${h})`,
    learn: 'Saiba por que incluímos isso.',
    receiving: 'Você está recebendo e-mails de convites.',
    unsubscribe: 'Cancelar inscrição',
    help: 'Ajuda',
    copyright: '© 2026 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085.',
    subject: 'Quero me conectar',
    heading: (n) => `${n} quer se conectar`,
  },
  it: {
    accept: 'Accetta',
    view: 'Visualizza profilo',
    connect: 'Collegati',
    mutual: (n) => `${n} collegamenti in comune`,
    pymk: 'Altre persone che potresti conoscere',
    pendingHeading: 'Un contatto LinkedIn è in attesa della tua risposta.',
    pendingAccept: 'Accetta l’invito a collegarti',
    promo: 'Scarica la nuova app desktop di LinkedIn',
    mobile: 'Disponibile anche su dispositivi mobili',
    intended: (n, h) => `Questa email è destinata a ${n} (${h})`,
    learn: 'Scopri perché l’abbiamo inclusa.',
    receiving: 'Ricevi email relative agli inviti.',
    unsubscribe: 'Annulla iscrizione',
    help: 'Guida',
    copyright: IRELAND,
    subject: 'Voglio collegarmi',
    heading: (n) => `${n} vuole collegarsi`,
  },
  nl: {
    accept: 'Accepteren',
    view: 'Profiel bekijken',
    connect: 'Connectie maken',
    mutual: (n) => `${n} gemeenschappelijke connecties`,
    pymk: 'Meer mensen die u misschien kent',
    pendingHeading: 'Wacht ook op uw reactie',
    pendingAccept: 'Uitnodiging om te connecten accepteren',
    promo: 'Download de nieuwe LinkedIn desktop-app',
    mobile: 'Ook beschikbaar op mobiel',
    intended: (n, h) => `Deze e-mail is bedoeld voor ${n} (${h})`,
    learn: 'Ontdek waarom we dit hebben opgenomen.',
    receiving: 'U ontvangt e-mails over uitnodigingen.',
    unsubscribe: 'Afmelden',
    help: 'Help',
    copyright: IRELAND,
    subject: 'Ik wil een connectie maken',
    heading: (n) => `${n} wil een connectie maken`,
  },
};

export const INVITE_2026_LANGUAGES = Object.keys(FRAME_2026);

const TEMPLATE = 'email_m2m_invite_single_01';

/** The invitation itself, in the 2024-2026 layout or (with another frame) in the redesign. */
export function renderInvite(
  s: Scene,
  f: Frame2026,
  template = TEMPLATE,
  acceptPath = 'mynetwork/invite-accept',
): Mail {
  const ax = s.axes;
  const acceptUrl = `https://www.linkedin.com/comm/${acceptPath}/invitationId/${s.invitationId}/sharedKey/${s.sharedKey}/?${trk(template, 'hero-2-accept%7Ecta')}`;
  const nameUrl = profileUrl(s.inviter.vanity, template, ax.nameSlot);
  const viewUrl = profileUrl(s.inviter.vanity, template, 'hero-4-prof%7Ecta');
  const glimmer = profileUrl(s.recipient.vanity, template, 'header-0-profile_glimmer');
  const home = `https://www.linkedin.com/comm/feed/?${trk(template, 'header-0-home_glimmer')}`;
  const unsub = `https://www.linkedin.com/comm/psettings/email-unsubscribe?${trk(template, 'unsubscribe')}`;
  const help = `https://www.linkedin.com/help/linkedin/answer/67?${trk(template, 'help')}`;
  const learn = `https://www.linkedin.com/help/linkedin/answer/4788?${trk(template, 'learn_why')}`;
  const mutual = s.mutual === null ? null : f.mutual(s.mutual);
  const headline = cutHeadline(s.inviter.headline);
  const pymk = s.others.slice(0, ax.pymk);
  const pending = ax.pending ? (s.others[ax.pymk] ?? null) : null;

  const html: string[] = [];
  let n = 0;
  html.push(
    block(
      [`${link(home, 'LinkedIn')} ${link(glimmer, s.recipient.name, ' class="glimmer"')}`],
      ax,
      n++,
    ),
  );
  html.push(
    block(
      [
        `<strong>${link(nameUrl, s.inviter.name)}</strong>`,
        escapeHtml(headline),
        s.inviter.location ? escapeHtml(s.inviter.location) : '',
        mutual ? escapeHtml(mutual) : '',
        s.cardLine ? escapeHtml(s.cardLine) : '',
      ],
      ax,
      n++,
    ),
  );
  if (s.note) html.push(block([noteAsHtml(s.note, ax.noteParagraphs)], ax, n++));
  html.push(
    block(
      [
        buttons(
          [
            [acceptUrl, f.accept],
            [viewUrl, f.view],
          ],
          ax,
        ),
      ],
      ax,
      n++,
    ),
  );
  if (pending) {
    const url = `https://www.linkedin.com/comm/${acceptPath}/invitationId/${s.invitationId.replace(/.$/, '7')}/sharedKey/Xq9-Lm2w/?${trk(template, 'pending-0-accept%7Ecta')}`;
    html.push(
      block(
        [
          `<h3>${escapeHtml(f.pendingHeading)}</h3>`,
          link(profileUrl(pending.vanity, template, 'pending-0-prof%7Ename'), pending.name),
          escapeHtml(cutHeadline(pending.headline)),
          buttons([[url, f.pendingAccept]], ax),
        ],
        ax,
        n++,
      ),
    );
  }
  if (pymk.length > 0) {
    html.push(block([`<h3>${escapeHtml(f.pymk)}</h3>`], ax, n++));
    pymk.forEach((p, i) => {
      const url = profileUrl(p.vanity, template, `pymk-${i}-prof%7Ename`);
      html.push(
        block(
          [
            link(url, p.name),
            escapeHtml(cutHeadline(p.headline)),
            buttons([[url, i % 2 ? f.connect : f.view]], ax),
          ],
          ax,
          n++,
        ),
      );
    });
  }
  if (ax.promo)
    html.push(
      block(
        [
          link('https://apps.microsoft.com/detail/9wzdncrfj4q7', f.promo),
          `${escapeHtml(f.mobile)} ${link('https://apps.apple.com/app/linkedin/id288429040', 'App Store')} ${link('https://play.google.com/store/apps/details?id=com.linkedin.android', 'Google Play')}`,
        ],
        ax,
        n++,
      ),
    );
  const sentences = [
    escapeHtml(f.intended(s.recipient.name, s.recipient.headline)),
    link(learn, f.learn),
    escapeHtml(f.receiving),
    `${link(unsub, f.unsubscribe)} · ${link(help, f.help)}`,
    escapeHtml(f.copyright),
  ];
  html.push(block(footer(sentences, ax), ax, n++));

  const textFooter = ax.footerOrder
    .map(
      (i) =>
        [
          f.intended(s.recipient.name, s.recipient.headline),
          `${f.learn} ${learn}`,
          f.receiving,
          `${f.unsubscribe}: ${unsub} · ${f.help}: ${help}`,
          f.copyright,
        ][i],
    )
    .filter(Boolean)
    .join(ax.footerJoined ? ' ' : '\n');
  const text = textBlocks([
    [s.inviter.name, headline, s.inviter.location, mutual, s.cardLine].filter(Boolean).join('\n'),
    s.note ? noteAsText(s.note, ax.noteParagraphs === 'p') : null,
    ax.buttons === 'one-cell'
      ? `${f.accept}${f.view}\n${acceptUrl}\n${viewUrl}`
      : `${f.accept}: ${acceptUrl}\n${f.view}: ${viewUrl}`,
    pending &&
      `${f.pendingHeading}\n${pending.name}\n${cutHeadline(pending.headline)}\n${f.pendingAccept}: https://www.linkedin.com/comm/${acceptPath}/invitationId/${s.invitationId.replace(/.$/, '7')}/sharedKey/Xq9-Lm2w/`,
    pymk.length > 0 &&
      `${f.pymk}\n\n${pymk.map((p, i) => `${p.name}\n${cutHeadline(p.headline)}\n${i % 2 ? f.connect : f.view}: ${profileUrl(p.vanity, template, `pymk-${i}-prof%7Ename`)}`).join('\n\n')}`,
    ax.promo && `${f.promo}\n${f.mobile}`,
    '----------------------------------------',
    textFooter,
  ]);
  return {
    from: { name: s.inviter.name, address: 'invitations@linkedin.com' },
    subject: f.subject,
    template,
    text: ax.parts === 'html' ? null : text,
    html:
      ax.parts === 'text'
        ? null
        : page(s.lang, html, preheaderText(s, f.heading(s.inviter.name)), ax),
  };
}

export function invite2026(s: Scene): Mail {
  return renderInvite(s, FRAME_2026[s.lang] ?? (FRAME_2026.en as Frame2026));
}
