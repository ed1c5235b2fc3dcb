// Wording for the blind generator (generator.ts), written from the corpus notes and ordinary
// LinkedIn usage, not from the language packs: where a pack's wording and this differ, the
// blind evaluation is meant to find it. ja, tr and pl have no pack in src/parse/languages.

export interface BlindFrame {
  subject: (first: string) => string;
  hi: (recipientFirst: string) => string;
  heading: (name: string) => string;
  accept: string;
  view: string;
  mutual: (n: number) => string;
  intended: (name: string) => string;
  receiving: string;
  unsubscribe: string;
  help: string;
  copyright: string;
  /** LinkedIn's default note in this language. */
  defaultNote: string;
  /** Short notes that say nothing of where (a draft is expected). */
  bare: ((recipientFirst: string) => string)[];
  /** Notes that say where or how in a few words (a draft must never be written). */
  where: string[];
}

const CORP = '© 2026 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085.';
const IRELAND = '© 2026 LinkedIn Ireland Unlimited Company, Wilton Plaza, Wilton Place, Dublin 2.';

export const FRAMES: Record<string, BlindFrame> = {
  en: {
    subject: () => 'I want to connect',
    hi: (r) => `Hi ${r},`,
    heading: (n) => `${n} wants to connect`,
    accept: 'Accept',
    view: 'View profile',
    mutual: (n) => `${n} connections in common`,
    intended: (n) => `This email was intended for ${n}`,
    receiving: 'You are receiving Invitation emails.',
    unsubscribe: 'Unsubscribe',
    help: 'Help',
    copyright: CORP,
    defaultNote: "I'd like to add you to my professional network on LinkedIn.",
    bare: [() => 'Hi!', (r) => `Hello ${r}`, (r) => `Hi ${r} 👋`, () => "Let's connect!"],
    where: [
      'We met at RSA',
      'ex-colleague from Siemens',
      "Stanford '09",
      'Great chatting at KubeCon!',
      'From the Berlin Rust meetup 🦀',
      'Sat next to you on the LH 432 to Chicago',
      'Your neighbour at booth 14 at Web Summit',
    ],
  },
  de: {
    subject: () => 'Ich möchte mich mit Ihnen vernetzen',
    hi: (r) => `Hallo ${r},`,
    heading: (n) => `${n} möchte sich mit Ihnen vernetzen`,
    accept: 'Annehmen',
    view: 'Profil anzeigen',
    mutual: (n) => `${n} gemeinsame Kontakte`,
    intended: (n) => `Diese E-Mail ist für ${n} bestimmt`,
    receiving: 'Sie erhalten E-Mails zu Einladungen.',
    unsubscribe: 'Abbestellen',
    help: 'Hilfe',
    copyright: IRELAND,
    defaultNote: 'Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.',
    bare: [() => 'Hallo!', (r) => `Hallo ${r}`],
    where: ['Wir haben uns auf der re:publica getroffen', 'Ehemaliger Kollege bei Bosch'],
  },
  fr: {
    subject: () => 'Je souhaite me connecter',
    hi: (r) => `Bonjour ${r},`,
    heading: (n) => `${n} souhaite se connecter`,
    accept: 'Accepter',
    view: 'Voir le profil',
    mutual: (n) => `${n} relations en commun`,
    intended: (n) => `Cet e-mail est destiné à ${n}`,
    receiving: 'Vous recevez des e-mails d’invitation.',
    unsubscribe: 'Se désabonner',
    help: 'Aide',
    copyright: IRELAND,
    defaultNote: 'Je souhaiterais vous inviter à rejoindre mon réseau professionnel sur LinkedIn.',
    bare: [() => 'Bonjour !', (r) => `Salut ${r}`],
    where: ['On s’est croisés à VivaTech', 'Ancienne collègue chez Capgemini'],
  },
  es: {
    subject: () => 'Quiero conectar',
    hi: (r) => `Hola, ${r}:`,
    heading: (n) => `${n} quiere conectar`,
    accept: 'Aceptar',
    view: 'Ver perfil',
    mutual: (n) => `${n} contactos en común`,
    intended: (n) => `Este email va dirigido a ${n}`,
    receiving: 'Recibes emails de invitaciones.',
    unsubscribe: 'Darse de baja',
    help: 'Ayuda',
    copyright: IRELAND,
    defaultNote: 'Me gustaría añadirte a mi red profesional en LinkedIn.',
    bare: [() => '¡Hola!', (r) => `Hola ${r}`],
    where: ['Nos conocimos en el MWC', 'Compañeros en Telefónica'],
  },
  pt: {
    subject: () => 'Quero me conectar',
    hi: (r) => `Olá, ${r},`,
    heading: (n) => `${n} quer se conectar`,
    accept: 'Aceitar',
    view: 'Ver perfil',
    mutual: (n) => `${n} conexões em comum`,
    intended: (n) => `Este e-mail foi enviado a ${n}`,
    receiving: 'Você está recebendo e-mails de convites.',
    unsubscribe: 'Cancelar inscrição',
    help: 'Ajuda',
    copyright: CORP,
    defaultNote: 'Gostaria de adicioná-lo à minha rede profissional no LinkedIn.',
    bare: [() => 'Oi!', (r) => `Olá ${r}`],
    where: ['Colega da Natura', 'Nos vimos no Web Summit Rio'],
  },
  nl: {
    subject: () => 'Ik wil een connectie maken',
    hi: (r) => `Hallo ${r},`,
    heading: (n) => `${n} wil een connectie maken`,
    accept: 'Accepteren',
    view: 'Profiel bekijken',
    mutual: (n) => `${n} gemeenschappelijke connecties`,
    intended: (n) => `Deze e-mail is bedoeld voor ${n}`,
    receiving: 'U ontvangt e-mails over uitnodigingen.',
    unsubscribe: 'Afmelden',
    help: 'Help',
    copyright: IRELAND,
    defaultNote: 'Ik wil je graag toevoegen aan mijn professionele netwerk op LinkedIn.',
    bare: [() => 'Hoi!', (r) => `Hallo ${r}`],
    where: ['Oud-collega bij ASML', 'We spraken elkaar op de Dutch PHP Conference'],
  },
  it: {
    subject: () => 'Voglio collegarmi',
    hi: (r) => `Ciao ${r},`,
    heading: (n) => `${n} vuole collegarsi`,
    accept: 'Accetta',
    view: 'Visualizza profilo',
    mutual: (n) => `${n} collegamenti in comune`,
    intended: (n) => `Questa email è destinata a ${n}`,
    receiving: 'Ricevi email relative agli inviti.',
    unsubscribe: 'Annulla iscrizione',
    help: 'Guida',
    copyright: IRELAND,
    defaultNote: 'Vorrei aggiungerti alla mia rete professionale su LinkedIn.',
    bare: [() => 'Ciao!', (r) => `Ciao ${r}`],
    where: ['Ci siamo conosciuti al WeMakeFuture', 'Ex collega in Luxottica'],
  },
  ja: {
    subject: () => 'つながりリクエスト',
    hi: (r) => `${r}さん、こんにちは`,
    heading: (n) => `${n}さんがつながりを希望しています`,
    accept: '承認',
    view: 'プロフィールを表示',
    mutual: (n) => `共通のつながり${n}人`,
    intended: (n) => `このメールは${n}さん宛てに送信されました`,
    receiving: '招待に関するメールを受信しています。',
    unsubscribe: '配信停止',
    help: 'ヘルプ',
    copyright: '© 2026 LinkedIn Corporation',
    defaultNote: 'LinkedInのネットワークにあなたを追加したいと思います。',
    bare: [() => 'こんにちは！', (r) => `${r}さん、よろしくお願いします`],
    where: ['先日のJAWS DAYSでお会いしました', '楽天時代の同僚です'],
  },
  tr: {
    subject: () => 'Bağlantı kurmak istiyorum',
    hi: (r) => `Merhaba ${r},`,
    heading: (n) => `${n} sizinle bağlantı kurmak istiyor`,
    accept: 'Kabul et',
    view: 'Profili görüntüle',
    mutual: (n) => `${n} ortak bağlantı`,
    intended: (n) => `Bu e-posta ${n} için gönderilmiştir`,
    receiving: 'Davet e-postaları alıyorsunuz.',
    unsubscribe: 'Abonelikten çık',
    help: 'Yardım',
    copyright: IRELAND,
    defaultNote: 'Sizi LinkedIn’deki profesyonel ağıma eklemek istiyorum.',
    bare: [() => 'Merhaba!', (r) => `Selam ${r}`],
    where: ['Geçen hafta DevFest İstanbul’da tanıştık', 'Trendyol’dan eski iş arkadaşınız'],
  },
  pl: {
    subject: () => 'Chcę nawiązać kontakt',
    hi: (r) => `Cześć ${r},`,
    heading: (n) => `${n} chce nawiązać z Tobą kontakt`,
    accept: 'Akceptuj',
    view: 'Wyświetl profil',
    mutual: (n) => `Wspólne kontakty: ${n}`,
    intended: (n) => `Ten e-mail jest przeznaczony dla: ${n}`,
    receiving: 'Otrzymujesz e-maile z zaproszeniami.',
    unsubscribe: 'Anuluj subskrypcję',
    help: 'Pomoc',
    copyright: IRELAND,
    defaultNote: 'Chciałbym dodać Cię do mojej sieci zawodowej na LinkedIn.',
    bare: [() => 'Cześć!', (r) => `Dzień dobry ${r}`],
    where: ['Poznaliśmy się na Infoshare w Gdańsku', 'Byli współpracownicy z Allegro'],
  },
};

/** Personal notes in any frame: no place in them, but written to the user (no draft either). */
export const PERSONAL_NOTES = [
  'Loved your post about Rust lifetimes 🦀 would be great to stay in touch.',
  'שלום! ראיתי את ההרצאה שלך ביוטיוב, מאוד אהבתי 🙏',
  'مرحبا، قرأت مقالك عن أمن السحابة وأعجبني كثيراً',
  'Your article on tail latency saved our on-call rotation last month 🙏',
];

/** Notes that say where, in right-to-left scripts or with emoji, in any frame. */
export const WHERE_ANY = [
  'נפגשנו בכנס Cyber Week 🙂',
  'التقينا في معرض GITEX في دبي 👋',
  '👋 we met at the AWS Summit Stockholm afterparty',
];

export const LANGUAGES = Object.keys(FRAMES);
export const LANGUAGES_WITH_PACK = ['en', 'de', 'fr', 'es', 'pt', 'nl', 'it'];
