/**
 * What LinkedIn writes, per language: its default invitation notes, the words of its frame
 * (buttons, footers) used to tell the language, and greetings. Structure decides what a message
 * is; these lists only name the language and recognise boilerplate, so an unknown language still
 * parses, with `language: null` at worst.
 */

export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'nl', 'it', 'id'] as const;
export type Language = (typeof LANGUAGES)[number];

/** LinkedIn's default notes, as seen in real mail or in its localisations. */
const DEFAULT_NOTES: Record<Language, string[]> = {
  en: [
    "I'd like to add you to my professional network on LinkedIn.",
    "I'd like to add you to my professional network.",
    "I'd like to join your LinkedIn network.",
    "I'd like to connect with you on LinkedIn.",
    "I'd like to connect.",
  ],
  de: [
    'Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.',
    'Ich möchte dich gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.',
    'Ich möchte Sie zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.',
    'Ich möchte mich gerne mit Ihnen auf LinkedIn vernetzen.',
    'Ich möchte mich gerne mit dir auf LinkedIn vernetzen.',
    'Ich würde mich gerne mit Ihnen auf LinkedIn vernetzen.',
    'Ich möchte Ihrem LinkedIn-Netzwerk beitreten.',
    'Ich möchte gerne Ihrem LinkedIn-Netzwerk beitreten.',
    'Ich möchte deinem LinkedIn-Netzwerk beitreten.',
  ],
  fr: [
    'Je souhaiterais vous inviter à rejoindre mon réseau professionnel sur LinkedIn.',
    "J'aimerais vous inviter à rejoindre mon réseau professionnel sur LinkedIn.",
    'Je souhaite vous ajouter à mon réseau professionnel sur LinkedIn.',
    'Je souhaiterais vous ajouter à mon réseau professionnel sur LinkedIn.',
    "J'aimerais vous ajouter à mon réseau professionnel sur LinkedIn.",
    'Je souhaiterais rejoindre votre réseau LinkedIn.',
    'Je souhaite rejoindre votre réseau LinkedIn.',
    "J'aimerais rejoindre votre réseau LinkedIn.",
    "J'aimerais entrer en contact avec vous sur LinkedIn.",
    'Je souhaite entrer en relation avec vous sur LinkedIn.',
  ],
  es: [
    'Me gustaría añadirte a mi red profesional en LinkedIn.',
    'Me gustaría agregarte a mi red profesional en LinkedIn.',
    'Me gustaría añadirle a mi red profesional en LinkedIn.',
    'Me gustaría formar parte de tu red de LinkedIn.',
    'Me gustaría unirme a tu red de LinkedIn.',
    'Me gustaría conectar contigo en LinkedIn.',
  ],
  pt: [
    'Gostaria de adicioná-lo à minha rede profissional no LinkedIn.',
    'Gostaria de adicioná-la à minha rede profissional no LinkedIn.',
    'Gostaria de adicionar você à minha rede profissional no LinkedIn.',
    'Gostaria de participar da sua rede no LinkedIn.',
    'Gostaria de fazer parte da sua rede no LinkedIn.',
    'Gostaria de me conectar com você no LinkedIn.',
    'Gostaria de fazer parte da sua rede profissional no LinkedIn.',
  ],
  nl: [
    'Ik wil je graag toevoegen aan mijn professionele netwerk op LinkedIn.',
    'Ik wil u graag toevoegen aan mijn professionele netwerk op LinkedIn.',
    'Ik wil je uitnodigen voor mijn professionele netwerk op LinkedIn.',
    'Ik wil graag deel uitmaken van je LinkedIn-netwerk.',
    'Ik wil graag deel uitmaken van uw LinkedIn-netwerk.',
    'Ik wil graag lid worden van je LinkedIn-netwerk.',
    'Ik wil graag met je connecten op LinkedIn.',
    'Ik wil graag met u connecten op LinkedIn.',
  ],
  it: [
    'Vorrei aggiungerti alla mia rete professionale su LinkedIn.',
    'Vorrei aggiungerla alla mia rete professionale su LinkedIn.',
    'Vorrei entrare a far parte della tua rete su LinkedIn.',
    'Vorrei far parte della tua rete su LinkedIn.',
    'Vorrei collegarmi con te su LinkedIn.',
    'Vorrei unirmi alla tua rete su LinkedIn.',
  ],
  id: [
    'Saya ingin menambahkan Anda ke jaringan profesional saya di LinkedIn.',
    'Saya ingin bergabung dengan jaringan LinkedIn Anda.',
    'Saya ingin terhubung dengan Anda di LinkedIn.',
    'Saya ingin bergabung ke jaringan LinkedIn Anda.',
  ],
};

/** Lower case, straight quotes, no punctuation or repeated spaces: the form notes are compared in. */
export function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[.!。,;:…"“”«»()\-–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const DEFAULT_NOTE_INDEX = new Map<string, Language>(
  LANGUAGES.flatMap((lang) => DEFAULT_NOTES[lang].map((note) => [comparable(note), lang] as const)),
);

/** The language of LinkedIn's default note this text is, or null when it is anything else. */
export function defaultNoteLanguage(note: string): Language | null {
  return DEFAULT_NOTE_INDEX.get(comparable(note)) ?? null;
}

/** Words and phrases of LinkedIn's frame around an invitation, per language (lower case). */
const FRAME_WORDS: Record<Language, string[]> = {
  en: [
    'accept',
    'view profile',
    "'s profile",
    'ignore',
    'unsubscribe',
    'this email was intended for',
    'you are receiving',
    'invitation',
    'would like to connect',
    'please add me',
    'respond',
    'hi ',
    'reminder',
    'connections in common',
    'learn why we included this',
  ],
  de: [
    'annehmen',
    'profil anzeigen',
    'ignorieren',
    'abbestellen',
    'abmelden',
    'diese e-mail',
    'einladung',
    'möchte sich mit ihnen vernetzen',
    'kontakt',
    'hallo ',
    'erinnerung',
    'gemeinsame kontakte',
    'antworten',
    'vernetzen',
  ],
  fr: [
    'accepter',
    'voir le profil',
    'ignorer',
    'désabonner',
    'cet e-mail',
    'cet email',
    'invitation',
    'souhaite',
    'bonjour',
    'rappel',
    'relations en commun',
    'répondre',
    'réseau',
  ],
  es: [
    'aceptar',
    'ver perfil',
    'ignorar',
    'cancelar',
    'este correo',
    'invitación',
    'hola',
    'recordatorio',
    'contactos en común',
    'responder',
    'red',
  ],
  pt: [
    'aceitar',
    'ver perfil',
    'ignorar',
    'cancelar inscrição',
    'este e-mail',
    'convite',
    'olá',
    'lembrete',
    'conexões em comum',
    'responder',
    'rede',
  ],
  nl: [
    'accepteren',
    'profiel bekijken',
    'negeren',
    'afmelden',
    'deze e-mail',
    'uitnodiging',
    'hoi',
    'herinnering',
    'gemeenschappelijke connecties',
    'reageren',
    'netwerk',
  ],
  it: [
    'accetta',
    'visualizza profilo',
    'ignora',
    'annulla iscrizione',
    'questa email',
    'questa e-mail',
    'invito',
    'ciao',
    'promemoria',
    'collegamenti in comune',
    'rispondi',
    'rete',
  ],
  id: [
    'terima',
    'lihat profil',
    'abaikan',
    'berhenti berlangganan',
    'email ini',
    'undangan',
    'hai ',
    'pengingat',
    'koneksi bersama',
    'tanggapi',
    'jaringan',
  ],
};

/** Short, frequent words that give a language away in any text, used when the frame is silent. */
const COMMON_WORDS: Record<Language, string[]> = {
  en: [
    'the',
    'and',
    'to',
    'you',
    'your',
    'with',
    'for',
    'is',
    'we',
    'on',
    'of',
    'my',
    'would',
    'like',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'ich',
    'sie',
    'ihnen',
    'mit',
    'nicht',
    'ist',
    'auf',
    'wir',
    'zu',
    'möchte',
  ],
  fr: [
    'le',
    'la',
    'les',
    'et',
    'vous',
    'je',
    'de',
    'des',
    'est',
    'pour',
    'avec',
    'nous',
    'votre',
    'sur',
  ],
  es: [
    'el',
    'la',
    'los',
    'y',
    'que',
    'de',
    'tu',
    'con',
    'para',
    'es',
    'en',
    'nos',
    'me',
    'gustaría',
  ],
  pt: [
    'o',
    'os',
    'e',
    'que',
    'de',
    'você',
    'com',
    'para',
    'é',
    'no',
    'na',
    'nos',
    'sua',
    'gostaria',
  ],
  nl: ['de', 'het', 'een', 'en', 'ik', 'je', 'u', 'met', 'van', 'is', 'op', 'wij', 'graag', 'niet'],
  it: ['il', 'la', 'e', 'di', 'che', 'ti', 'con', 'per', 'è', 'un', 'una', 'mi', 'vorrei', 'tua'],
  id: [
    'dan',
    'yang',
    'saya',
    'anda',
    'di',
    'ke',
    'dengan',
    'untuk',
    'ini',
    'itu',
    'ingin',
    'kami',
    'tidak',
    'dari',
  ],
};

/**
 * The language of LinkedIn's frame: the html `lang` attribute when it names a known language,
 * otherwise the language whose frame words occur most, otherwise the one whose common words do.
 */
export function detectLanguage(
  frameText: string,
  htmlLang: string | null,
  anyText: string,
): Language | null {
  const declared = htmlLang?.slice(0, 2);
  if (declared && (LANGUAGES as readonly string[]).includes(declared)) return declared as Language;
  const lower = ` ${frameText.toLowerCase()} `;
  const byFrame = best((lang) => FRAME_WORDS[lang].filter((w) => lower.includes(w)).length);
  if (byFrame) return byFrame;
  const words = anyText.toLowerCase().split(/[^\p{L}']+/u);
  return best((lang) => {
    const common = new Set(COMMON_WORDS[lang]);
    return words.filter((w) => common.has(w)).length;
  });
}

function best(score: (lang: Language) => number): Language | null {
  let winner: Language | null = null;
  let top = 0;
  for (const lang of LANGUAGES) {
    const s = score(lang);
    if (s > top) {
      top = s;
      winner = lang;
    }
  }
  return top >= 2 ? winner : null;
}

/** Opening words of a greeting line ("Hi Paul,", "Hallo Paul,", "Paul,"). */
export const GREETING =
  /^(hi|hello|hey|dear|hallo|guten tag|liebe[r]?|sehr geehrte[r]?|bonjour|salut|cher|chère|hola|estimad[oa]|olá|ola|oi|prezad[oa]|car[oa]|hoi|beste|dag|ciao|salve|gentile|hai|halo)\b/i;

/** Phrases that mark a reminder of an invitation sent earlier (lower case). */
export const REMINDER_PHRASES = [
  'this is a reminder',
  'waiting for your response',
  'pending invitation',
  'awaiting your response',
  'how would you like to respond',
  'still waiting',
  'erinnerung',
  'wartet auf ihre antwort',
  'wartet auf deine antwort',
  'rappel',
  'attend votre réponse',
  'en attente de votre réponse',
  'recordatorio',
  'espera tu respuesta',
  'está esperando tu respuesta',
  'lembrete',
  'aguarda sua resposta',
  'está aguardando sua resposta',
  'herinnering',
  'wacht op je reactie',
  'wacht op uw reactie',
  'promemoria',
  'attende una tua risposta',
  'attende una risposta',
  'pengingat',
  'menunggu tanggapan',
];

/** Phrases that mark "X accepted your invitation" (lower case). */
export const ACCEPTED_PHRASES = [
  'accepted your invitation',
  'has accepted your invitation',
  'hat ihre einladung angenommen',
  'hat deine einladung angenommen',
  'hat ihre kontaktanfrage angenommen',
  'a accepté votre invitation',
  'ha aceptado tu invitación',
  'aceptó tu invitación',
  'aceitou seu convite',
  'aceitou o seu convite',
  'heeft je uitnodiging geaccepteerd',
  'heeft uw uitnodiging geaccepteerd',
  'ha accettato il tuo invito',
  'menerima undangan anda',
];

/** Phrases of LinkedIn's invitation frame, for messages without the usual links (lower case). */
export const INVITATION_PHRASES = [
  'would like to connect',
  'wants to connect',
  'please add me to your linkedin network',
  'invitation to connect',
  'requested to add you as a connection',
  'sent you an invitation',
  'confirm that you know',
  'invited you to connect',
  'a new invitation',
  'invitation from',
  'pending invitation',
  'möchte sich mit ihnen vernetzen',
  'möchte sich mit dir vernetzen',
  'einladung zum vernetzen',
  'kontaktanfrage',
  'souhaite se connecter',
  'vous invite à rejoindre',
  'invitation à vous connecter',
  'quiere conectar',
  'le gustaría conectar',
  'invitación para conectar',
  'te ha invitado',
  'gostaria de se conectar',
  'quer se conectar',
  'convite para se conectar',
  'wil met je connecten',
  'wil met u connecten',
  'uitnodiging om te connecten',
  'vorrebbe collegarsi',
  'invito a collegarsi',
  'ti ha invitato',
  'ingin terhubung',
  'undangan untuk terhubung',
];

/** Phrases of LinkedIn's footers and frame that are never part of a note (lower case). */
export const BOILERPLATE_PHRASES = [
  'unsubscribe',
  'this email was',
  'you are receiving',
  'you received',
  'learn why we included',
  'intended for',
  'linkedin corporation',
  'linkedin ireland',
  'customer service',
  'change frequency',
  'people you may know',
  'connections in common',
  'mutual connection',
  'registered trademarks',
  'sie erhalten',
  'diese e-mail',
  'abbestellen',
  'abmelden',
  'gemeinsame kontakte',
  'vous recevez',
  'cet e-mail',
  'cet email',
  'se désabonner',
  'relations en commun',
  'has recibido',
  'este mensaje',
  'este correo',
  'darte de baja',
  'contactos en común',
  'você recebeu',
  'voce recebeu',
  'este e-mail',
  'cancelar inscrição',
  'conexões em comum',
  'u ontvangt',
  'je ontvangt',
  'deze e-mail',
  'afmelden',
  'gemeenschappelijke connecties',
  'hai ricevuto',
  'questa email',
  'questa e-mail',
  'annulla iscrizione',
  'collegamenti in comune',
  'anda menerima',
  'anda mendapatkan',
  'email ini',
  'berhenti berlangganan',
  'koneksi bersama',
];
