// Wording for the second blind generator (second.ts): its own, written from the corpus
// (/work/shared/linkedin-corpus) and ordinary LinkedIn usage, not from the language packs nor
// from the first blind generator's frames.ts. Where LinkedIn's text is known from the corpus
// (English, Spanish and Indonesian default notes, the reminder's sentence) it is used as such.

export interface SecondWording {
  subject: (first: string) => string;
  greet: (recipientFirst: string) => string;
  heading: (name: string) => string;
  accept: string;
  view: string;
  mutual: (n: number) => string;
  intended: (name: string) => string;
  receiving: string;
  unsubscribe: string;
  help: string;
  copyright: string;
  /** LinkedIn's default notes in this language (any of them may be sent). */
  defaultNotes: string[];
  /** A greeting and nothing else (a draft is expected). */
  bare: ((recipientFirst: string) => string)[];
  /** Notes that say where or how they met, some in several paragraphs (never a draft). */
  where: ((recipientFirst: string, inviterFirst: string) => string)[];
  /** Notes written to the user that place nothing (never a draft either). */
  personal: string[];
  reminder: {
    subject: (name: string) => string;
    heading: (name: string) => string;
    line: (name: string, date: string) => string;
  };
  /** The heading, buttons and footer as LinkedIn might word them tomorrow. */
  reworded: {
    heading: ((name: string) => string)[];
    accept: string;
    view: string;
    intended: (name: string) => string;
    receiving: string;
  };
}

const COPY_2026 = '© 2026 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085.';

export const SECOND_WORDING: Record<string, SecondWording> = {
  en: {
    subject: () => 'I want to connect',
    greet: (r) => `Hi ${r},`,
    heading: (n) => `${n} would like to connect on LinkedIn`,
    accept: 'Accept',
    view: 'View profile',
    mutual: (n) => (n === 1 ? '1 mutual connection' : `${n} mutual connections`),
    intended: (n) => `This email was intended for ${n}`,
    receiving: 'You are receiving Invitations to connect emails.',
    unsubscribe: 'Unsubscribe',
    help: 'Help',
    copyright: COPY_2026,
    defaultNotes: [
      "I'd like to add you to my professional network on LinkedIn.",
      "I'd like to join your LinkedIn network.",
      "I'd like to connect with you on LinkedIn.",
    ],
    bare: [() => 'Hello!', (r) => `Hi ${r},`, () => 'Good morning 🙂', (r) => `Hey ${r}!`],
    where: [
      () => 'We shared a table at the PyData Amsterdam speakers dinner.',
      (r, i) =>
        `Hi ${r},\n\nWe spoke after your talk at DevOpsDays Lisbon about canary deploys.\n\nWould be good to keep in touch.\n\n${i}`,
      () => 'I was your TA for CS 161 at Berkeley, spring 2019!',
      () => 'Former teammate from the Zalando checkout squad',
      (r) =>
        `${r} - it was great meeting you at the Hamburg hackathon last weekend.\nThanks again for the help with the Kafka setup!`,
    ],
    personal: [
      'Your thread on migrating from Jenkins was spot on. Following your work with interest.',
      'Congrats on the new role!\n\nI have been reading your newsletter for a year, would love to swap notes some time.',
    ],
    reminder: {
      subject: (n) => `${n}'s invitation is awaiting your response`,
      heading: (n) => `${n} is waiting for your response`,
      line: (n, d) =>
        `This is a reminder that on ${d}, ${n} sent you an invitation to become part of their professional network at LinkedIn.`,
    },
    reworded: {
      heading: [
        (n) => `${n} sent you an invitation`,
        (n) => `New invitation from ${n}`,
        (n) => `${n} invited you to connect`,
      ],
      accept: 'Accept invitation',
      view: 'See full profile',
      intended: (n) => `This message was sent to ${n}`,
      receiving: "You're getting this because invitation emails are turned on.",
    },
  },
  es: {
    subject: () => 'Quiero conectar contigo',
    greet: (r) => `Hola ${r}:`,
    heading: (n) => `${n} quiere conectar contigo en LinkedIn`,
    accept: 'Aceptar',
    view: 'Ver perfil',
    mutual: (n) => `${n} contactos en común`,
    intended: (n) => `Este mensaje se ha enviado a ${n}`,
    receiving: 'Recibes emails de invitaciones para conectar.',
    unsubscribe: 'Cancelar suscripción',
    help: 'Ayuda',
    copyright: COPY_2026,
    defaultNotes: ['Me gustaría añadirte a mi red profesional en LinkedIn.'],
    bare: [() => '¡Buenas!', (r) => `Hola ${r}, ¿qué tal?`],
    where: [
      () => 'Coincidimos en la mesa redonda de la JSDay Canarias.',
      (r, i) =>
        `Hola ${r}:\n\nFuimos compañeros en el máster de la UPM (promoción 2017).\n\nUn saludo,\n${i}`,
      () => 'Trabajamos juntos en el proyecto de BBVA hace un par de años',
    ],
    personal: [
      'Me encantó tu artículo sobre accesibilidad web, ¡gracias por compartirlo!',
      'Sigo tu trabajo desde hace tiempo.\nMe encantaría charlar algún día sobre producto.',
    ],
    reminder: {
      subject: (n) => `La invitación de ${n} está pendiente de respuesta`,
      heading: (n) => `${n} está esperando tu respuesta`,
      line: (n, d) => `Te recordamos que el ${d}, ${n} te envió una invitación para conectar.`,
    },
    reworded: {
      heading: [(n) => `${n} te ha enviado una invitación`, (n) => `Nueva invitación de ${n}`],
      accept: 'Aceptar invitación',
      view: 'Ver perfil completo',
      intended: (n) => `Mensaje enviado a ${n}`,
      receiving: 'Recibes esto porque tienes activados los emails de invitaciones.',
    },
  },
  fr: {
    subject: () => 'Je voudrais rejoindre votre réseau',
    greet: (r) => `Bonjour ${r},`,
    heading: (n) => `${n} voudrait rejoindre votre réseau`,
    accept: 'Accepter',
    view: 'Afficher le profil',
    mutual: (n) => `${n} relations en commun`,
    intended: (n) => `Cet e-mail est destiné à ${n}`,
    receiving: 'Vous recevez les e-mails d’invitation.',
    unsubscribe: 'Se désabonner',
    help: 'Aide',
    copyright: COPY_2026,
    defaultNotes: [
      'Je souhaiterais vous inviter à rejoindre mon réseau professionnel sur LinkedIn.',
    ],
    bare: [() => 'Bonjour,', (r) => `Coucou ${r} !`],
    where: [
      () => 'Nous étions voisins de stand au salon Big Data & AI Paris.',
      (r, i) =>
        `Bonjour ${r},\n\nOn a fait le meetup Paris.js ensemble en mars, merci pour ta démo.\n\nÀ bientôt,\n${i}`,
      () => 'Ancien collègue de la Société Générale (équipe risques)',
    ],
    personal: [
      'J’ai beaucoup aimé votre article sur la sobriété numérique.',
      'Félicitations pour votre livre !\nJe serais ravi d’échanger avec vous.',
    ],
    reminder: {
      subject: (n) => `L’invitation de ${n} attend votre réponse`,
      heading: (n) => `${n} attend votre réponse`,
      line: (n, d) => `Pour rappel, le ${d}, ${n} vous a invité(e) à rejoindre son réseau.`,
    },
    reworded: {
      heading: [(n) => `${n} vous a envoyé une invitation`, (n) => `Nouvelle invitation de ${n}`],
      accept: 'Accepter l’invitation',
      view: 'Voir le profil complet',
      intended: (n) => `Message envoyé à ${n}`,
      receiving: 'Vous recevez ce message car les e-mails d’invitation sont activés.',
    },
  },
  de: {
    subject: () => 'Ich möchte mich vernetzen',
    greet: (r) => `Guten Tag ${r},`,
    heading: (n) => `${n} möchte sich mit Ihnen auf LinkedIn vernetzen`,
    accept: 'Annehmen',
    view: 'Profil ansehen',
    mutual: (n) => `${n} gemeinsame Kontakte`,
    intended: (n) => `Diese E-Mail wurde an ${n} gesendet`,
    receiving: 'Sie erhalten E-Mails zu Kontaktanfragen.',
    unsubscribe: 'Abmelden',
    help: 'Hilfe',
    copyright: COPY_2026,
    defaultNotes: ['Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.'],
    bare: [() => 'Servus!', (r) => `Moin ${r},`],
    where: [
      () => 'Wir saßen beim Mittagessen der Cloudland in Brühl am selben Tisch.',
      (r, i) =>
        `Hallo ${r},\n\nwir haben letzte Woche auf dem Barcamp Stuttgart über Flaky Tests gesprochen.\n\nViele Grüße\n${i}`,
      () => 'Kommilitone aus dem Informatikstudium an der TU Dresden',
    ],
    personal: [
      'Ihr Vortrag auf YouTube zu Event Sourcing hat mir sehr geholfen, danke!',
      'Glückwunsch zur neuen Stelle!\nIch verfolge Ihre Beiträge schon länger.',
    ],
    reminder: {
      subject: (n) => `Die Einladung von ${n} wartet auf Ihre Antwort`,
      heading: (n) => `${n} wartet auf Ihre Antwort`,
      line: (n, d) =>
        `Zur Erinnerung: Am ${d} hat ${n} Sie eingeladen, sich auf LinkedIn zu vernetzen.`,
    },
    reworded: {
      heading: [(n) => `${n} hat Ihnen eine Einladung geschickt`, (n) => `Neue Einladung von ${n}`],
      accept: 'Einladung annehmen',
      view: 'Ganzes Profil ansehen',
      intended: (n) => `Gesendet an ${n}`,
      receiving: 'Sie erhalten diese Nachricht, weil E-Mails zu Einladungen aktiviert sind.',
    },
  },
  it: {
    subject: () => 'Voglio collegarmi',
    greet: (r) => `Ciao ${r},`,
    heading: (n) => `${n} vorrebbe collegarsi con te`,
    accept: 'Accetta',
    view: 'Vedi profilo',
    mutual: (n) => `${n} collegamenti in comune`,
    intended: (n) => `Questa email è stata inviata a ${n}`,
    receiving: 'Ricevi le email sugli inviti a collegarsi.',
    unsubscribe: 'Annulla l’iscrizione',
    help: 'Guida',
    copyright: COPY_2026,
    defaultNotes: ['Vorrei aggiungerti alla mia rete professionale su LinkedIn.'],
    bare: [() => 'Buongiorno!', (r) => `Ciao ${r} 😊`],
    where: [
      () => 'Eravamo nello stesso gruppo al corso di Design Thinking del Politecnico.',
      (r, i) =>
        `Ciao ${r},\n\nci siamo conosciuti al Codemotion di Milano, allo stand di Satispay.\n\nA presto!\n${i}`,
    ],
    personal: [
      'Ho letto il tuo post sul lavoro da remoto e mi ha fatto riflettere, grazie.',
      'Complimenti per il podcast!\nMi piacerebbe scambiare due parole.',
    ],
    reminder: {
      subject: (n) => `L’invito di ${n} è in attesa di risposta`,
      heading: (n) => `${n} è in attesa della tua risposta`,
      line: (n, d) => `Ti ricordiamo che il ${d} ${n} ti ha inviato un invito a collegarti.`,
    },
    reworded: {
      heading: [(n) => `${n} ti ha inviato un invito`, (n) => `Nuovo invito da ${n}`],
      accept: 'Accetta l’invito',
      view: 'Vedi il profilo completo',
      intended: (n) => `Messaggio inviato a ${n}`,
      receiving: 'Ricevi questo messaggio perché le email sugli inviti sono attive.',
    },
  },
  pt: {
    subject: () => 'Quero me conectar com você',
    greet: (r) => `Oi ${r},`,
    heading: (n) => `${n} quer se conectar com você`,
    accept: 'Aceitar',
    view: 'Ver perfil',
    mutual: (n) => `${n} conexões em comum`,
    intended: (n) => `Este e-mail foi enviado a ${n}`,
    receiving: 'Você está recebendo e-mails de convites para se conectar.',
    unsubscribe: 'Cancelar inscrição',
    help: 'Ajuda',
    copyright: COPY_2026,
    defaultNotes: ['Gostaria de adicioná-lo à minha rede profissional no LinkedIn.'],
    bare: [() => 'Bom dia!', (r) => `Olá ${r}, tudo bem?`],
    where: [
      () => 'Fizemos o bootcamp da Le Wagon juntos em Lisboa!',
      (r, i) =>
        `Olá ${r},\n\nnos conhecemos na QCon São Paulo, na fila do café 😄\n\nAbraço,\n${i}`,
    ],
    personal: [
      'Adorei seu vídeo sobre testes de contrato, muito didático!',
      'Parabéns pela palestra.\nAcompanho seu trabalho há algum tempo.',
    ],
    reminder: {
      subject: (n) => `O convite de ${n} aguarda sua resposta`,
      heading: (n) => `${n} está aguardando sua resposta`,
      line: (n, d) => `Lembrete: em ${d}, ${n} enviou um convite para se conectar com você.`,
    },
    reworded: {
      heading: [(n) => `${n} enviou um convite para você`, (n) => `Novo convite de ${n}`],
      accept: 'Aceitar convite',
      view: 'Ver perfil completo',
      intended: (n) => `Mensagem enviada a ${n}`,
      receiving: 'Você recebe isto porque os e-mails de convites estão ativados.',
    },
  },
  id: {
    subject: () => 'Saya ingin terhubung',
    greet: (r) => `Hai ${r},`,
    heading: (n) => `${n} ingin terhubung dengan Anda`,
    accept: 'Terima',
    view: 'Lihat profil',
    mutual: (n) => `${n} koneksi yang sama`,
    intended: (n) => `Email ini ditujukan untuk ${n}`,
    receiving: 'Anda menerima email undangan.',
    unsubscribe: 'Berhenti berlangganan',
    help: 'Bantuan',
    copyright: COPY_2026,
    defaultNotes: ['Saya ingin menambahkan Anda ke jaringan profesional saya di LinkedIn.'],
    bare: [() => 'Halo!', (r) => `Selamat pagi ${r}`],
    where: [
      () => 'Kita satu kelompok di workshop Google I/O Extended Jakarta.',
      (r, i) =>
        `Halo ${r},\n\nkita pernah satu tim di Tokopedia, bagian pembayaran.\n\nSalam,\n${i}`,
    ],
    personal: ['Terima kasih atas tulisan Anda tentang Flutter, sangat membantu!'],
    reminder: {
      subject: (n) => `Undangan dari ${n} menunggu tanggapan Anda`,
      heading: (n) => `${n} menunggu tanggapan Anda`,
      line: (n, d) => `Sebagai pengingat, pada ${d} ${n} mengirimkan undangan untuk terhubung.`,
    },
    reworded: {
      heading: [(n) => `${n} mengirimi Anda undangan`, (n) => `Undangan baru dari ${n}`],
      accept: 'Terima undangan',
      view: 'Lihat profil lengkap',
      intended: (n) => `Pesan ini dikirim ke ${n}`,
      receiving: 'Anda menerima ini karena email undangan diaktifkan.',
    },
  },
};

/** Header blocks of an inline forward by Apple Mail and Thunderbird, per interface language. */
export const FORWARD_HEADS: Record<
  string,
  {
    apple: string;
    thunderbird: string;
    from: string;
    subject: string;
    date: string;
    to: string;
    sentFrom: string;
  }
> = {
  en: {
    apple: 'Begin forwarded message:',
    thunderbird: '-------- Forwarded Message --------',
    from: 'From',
    subject: 'Subject',
    date: 'Date',
    to: 'To',
    sentFrom: 'Sent from my iPhone',
  },
  de: {
    apple: 'Anfang der weitergeleiteten Nachricht:',
    thunderbird: '-------- Weitergeleitete Nachricht --------',
    from: 'Von',
    subject: 'Betreff',
    date: 'Datum',
    to: 'An',
    sentFrom: 'Von meinem iPhone gesendet',
  },
  fr: {
    apple: 'Début du message réexpédié :',
    thunderbird: '-------- Message transféré --------',
    from: 'De',
    subject: 'Objet',
    date: 'Date',
    to: 'À',
    sentFrom: 'Envoyé de mon iPhone',
  },
  es: {
    apple: 'Inicio del mensaje reenviado:',
    thunderbird: '-------- Mensaje reenviado --------',
    from: 'De',
    subject: 'Asunto',
    date: 'Fecha',
    to: 'Para',
    sentFrom: 'Enviado desde mi iPhone',
  },
  it: {
    apple: 'Inizio messaggio inoltrato:',
    thunderbird: '-------- Messaggio Inoltrato --------',
    from: 'Da',
    subject: 'Oggetto',
    date: 'Data',
    to: 'A',
    sentFrom: 'Inviato da iPhone',
  },
  pt: {
    apple: 'Início da mensagem reencaminhada:',
    thunderbird: '-------- Mensagem encaminhada --------',
    from: 'De',
    subject: 'Assunto',
    date: 'Data',
    to: 'Para',
    sentFrom: 'Enviado do meu iPhone',
  },
};

/** What other phone clients and gateways append instead of Apple's line. */
export const OTHER_SENT_FROM = [
  'Get Outlook for Android',
  'Sent from my Galaxy',
  'Sent from Yahoo Mail for iPhone',
  'Sent via BlackBerry Work',
];
