// Wording for the mailbox blind set (mailbox.ts): for each interface language, pools from which
// every mailbox draws its own redesign of LinkedIn's frame (one phrase per slot), and the people
// and notes of that mailbox. Written without reading the parser or its language packs, and
// deliberately unlike the wording LinkedIn used so far ("wants to connect", "Accept", "View
// profile", "This email was intended for"): a redesign words every line anew. Placeholders in
// braces ({name}, {first}, {me}, {n}, …) are filled by mailbox.ts. The default notes are those of
// test/fixtures/DEFAULT_NOTES.md; Swedish is not there, its default note is ours.

type Pool = readonly string[];

/** What a mailbox's mail says LinkedIn writes to it about, in `receiving`'s {what}. */
export type Topic =
  | 'invitations'
  | 'views'
  | 'searches'
  | 'messages'
  | 'jobs'
  | 'endorsements'
  | 'posts'
  | 'pymk'
  | 'accepted';

export interface FramePools {
  subject: Pool;
  greeting: Pool;
  heading: Pool;
  accept: Pool;
  view: Pool;
  decline: Pool;
  mutual: Pool;
  pending: Pool;
  pendingLink: Pool;
  pymk: Pool;
  pymkButton: Pool;
  app: Pool;
  intended: Pool;
  why: Pool;
  receiving: Pool;
  what: Record<Topic, string>;
  unsubscribe: Pool;
  help: Pool;
  settings: Pool;
  viewsHeading: Pool;
  viewsButton: Pool;
  searchHeading: Pool;
  searchButton: Pool;
  messageHeading: Pool;
  messageButton: Pool;
  jobsHeading: Pool;
  jobsButton: Pool;
  endorseHeading: Pool;
  endorseButton: Pool;
  postHeading: Pool;
  postButton: Pool;
  pymkMail: Pool;
  acceptedHeading: Pool;
  acceptedButton: Pool;
}

export interface NotePools {
  defaults: Pool;
  /** "Let's connect" and nothing else (a draft is expected). */
  generic: Pool;
  pitch: Pool;
  /** Says where or how they met (never a draft). */
  context: Pool;
  /** Written to the recipient, without saying where (never a draft). */
  personal: Pool;
  /** A recruiter's mail merge, sent word for word by several recruiters of one agency. */
  recruiterScript: string;
  /** What a company's people at a conference booth all sent the next day. */
  conferenceScript: string;
}

export interface PeoplePools {
  firsts: Pool;
  lasts: Pool;
  headlines: Pool;
  companies: Pool;
  cities: Pool;
  skills: Pool;
  queries: Pool;
}

export interface Recipient {
  name: string;
  first: string;
  address: string;
  headline: string;
  vanity: string;
}

export interface MailboxLanguage {
  frame: FramePools;
  notes: NotePools;
  people: PeoplePools;
  recipient: Recipient;
}

export const MAILBOX_WORDING: Record<string, MailboxLanguage> = {
  en: {
    frame: {
      subject: [
        '{first} sent you a request',
        'A new request from {first}',
        '{first} is asking to join you',
      ],
      greeting: ['Hello {me},', 'Good news, {me}!', '{me}, hi there'],
      heading: [
        '{name} sent you a request to join your network',
        '{name} is asking to become a contact',
        'Request from {name}',
      ],
      accept: ['Add to my network', 'Say yes', 'Confirm'],
      view: ['See their profile', 'Look at the profile', 'Learn more about them'],
      decline: ['Not now', 'Decline', 'Maybe later'],
      mutual: ['{n} people in common', 'You both know {n} people', '{n} shared contacts'],
      pending: ['{n} more requests are waiting for you', 'You still have {n} requests to answer'],
      pendingLink: ['Go to my requests', 'Review them all'],
      pymk: ['Others you could add', 'More people for your network', 'Suggested for you'],
      pymkButton: ['Add', 'Invite'],
      app: ['Take your network with you: get the app', 'Answer requests faster on your phone'],
      intended: [
        'Sent to {me} ({headline})',
        'Meant for {me} · {headline}',
        'This message is for {me} ({headline})',
      ],
      why: ['Why did I get this?', 'About this email'],
      receiving: ['You get {what} from LinkedIn.', 'You are subscribed to {what}.'],
      what: {
        invitations: 'emails about new requests',
        views: 'profile visit updates',
        searches: 'search appearance updates',
        messages: 'message summaries',
        jobs: 'job matches',
        endorsements: 'skill updates',
        posts: 'updates from your network',
        pymk: 'suggestions of people',
        accepted: 'updates about your requests',
      },
      unsubscribe: ['Stop these emails', 'Turn these off'],
      help: ['Support', 'Questions?'],
      settings: ['Email preferences', 'Notification settings'],
      viewsHeading: ['{n} people looked at your profile', 'Your profile got {n} visits this week'],
      viewsButton: ['See who looked', 'Find out who'],
      searchHeading: ['You showed up in {n} searches', '{n} searches found you this week'],
      searchButton: ['See who was searching', 'Open your stats'],
      messageHeading: ['{name} wrote to you', 'New message from {name}'],
      messageButton: ['Reply', 'Open conversation'],
      jobsHeading: ['{n} new roles for "{query}"', 'Fresh jobs matching "{query}": {n}'],
      jobsButton: ['See all roles', 'Browse matches'],
      endorseHeading: ['{name} vouched for your {skill} skills', '{name} backed you for {skill}'],
      endorseButton: ['See your skills', 'Thank them'],
      postHeading: ['{name} shared something new', 'New post by {name}'],
      postButton: ['Read the post', 'Join the discussion'],
      pymkMail: [
        'People from {company} you might know',
        'Grow your network with people from {company}',
      ],
      acceptedHeading: ['{name} is now in your network', '{name} said yes to your request'],
      acceptedButton: ['Say hello', 'Write to them'],
    },
    notes: {
      defaults: [
        "I'd like to add you to my professional network on LinkedIn.",
        "I'd like to join your LinkedIn network.",
        "I'd like to connect with you on LinkedIn.",
      ],
      generic: ["Hi {me}, I'd love to connect!", "Let's connect!", 'Hello {me}, happy to connect.'],
      pitch: [
        'Hi {me}, I help SaaS teams cut cloud costs by 30%. Open to a 15-minute call next week?',
        'We are hiring a Staff Engineer for a fully remote fintech role. Would you be open to a quick chat?',
        'Hi {me}! Our agency builds Shopify stores at a fixed price. Can I send you our portfolio?',
      ],
      context: [
        'We met at the DevOpsDays Amsterdam speakers dinner, great chatting about on-call!',
        'Former colleague from the Zalando payments team 👋',
        "It was nice meeting you at Lena's farewell party on Friday.",
        'We sat next to each other on the train back from FOSDEM.',
      ],
      personal: [
        'Your talk video on incident reviews really stuck with me, would love to follow your work.',
        'I have been reading your blog for years; thank you for the post on database migrations.',
        'Congratulations on the new role! Rooting for you.',
      ],
      recruiterScript:
        "Hi {me}, I'm partnering with a well-funded scale-up building developer tools and your background stood out. Open to hearing more?",
      conferenceScript:
        'Thanks for stopping by our booth at KubeCon yesterday, great talking with you!',
    },
    people: {
      firsts: ['Oliver', 'Grace', 'Marcus', 'Hannah', 'Daniel', 'Priya', 'Tom', 'Chloe'],
      lasts: ['Bennett', 'Okafor', 'Hughes', 'Patel', 'Reid', 'Walsh', 'Carter', 'Nguyen'],
      headlines: [
        'Senior Software Engineer at {company}',
        'Talent Acquisition Partner | {company}',
        'Head of Product @ {company}',
        'Founder & CEO, {company}',
        'Data Scientist | Python | ML',
      ],
      companies: ['Monzo', 'Deliveroo', 'Atlassian', 'Stripe', 'Ocado'],
      cities: [
        'London, England, United Kingdom',
        'Manchester, England, United Kingdom',
        'Dublin, County Dublin, Ireland',
        'Austin, Texas, United States',
      ],
      skills: ['Kubernetes', 'Product Strategy', 'Team Leadership', 'PostgreSQL'],
      queries: ['engineering manager', 'platform engineer'],
    },
    recipient: {
      name: 'Rachel Moore',
      first: 'Rachel',
      address: 'rachel.moore@mail.example',
      headline: 'Engineering Manager at Brightwave',
      vanity: 'rachel-moore-em',
    },
  },
  de: {
    frame: {
      subject: [
        '{first} hat Ihnen eine Anfrage geschickt',
        'Neue Anfrage von {first}',
        '{first} möchte in Ihr Netzwerk',
      ],
      greeting: ['Guten Tag {me},', 'Hallo {me}!', '{me}, hallo'],
      heading: [
        '{name} hat Ihnen eine Kontaktanfrage gesendet',
        '{name} fragt, ob Sie sich verbinden',
        'Anfrage von {name}',
      ],
      accept: ['Zum Netzwerk hinzufügen', 'Ja, gerne', 'Bestätigen'],
      view: ['Profil ansehen', 'Mehr über die Person', 'Zum Profil'],
      decline: ['Nicht jetzt', 'Ablehnen', 'Später'],
      mutual: ['{n} Personen, die Sie beide kennen', '{n} gemeinsame Bekannte'],
      pending: ['{n} weitere Anfragen warten auf Sie', 'Sie haben noch {n} offene Anfragen'],
      pendingLink: ['Alle Anfragen ansehen', 'Zu meinen Anfragen'],
      pymk: ['Weitere Personen für Ihr Netzwerk', 'Vorschläge für Sie'],
      pymkButton: ['Hinzufügen', 'Einladen'],
      app: [
        'Nehmen Sie Ihr Netzwerk mit: Holen Sie sich die App',
        'Anfragen schneller beantworten – mit der App',
      ],
      intended: [
        'Gesendet an {me} ({headline})',
        'Für {me} · {headline}',
        'Diese Nachricht ist für {me} ({headline})',
      ],
      why: ['Warum erhalte ich das?', 'Über diese E-Mail'],
      receiving: ['Sie erhalten {what} von LinkedIn.', 'Sie haben {what} abonniert.'],
      what: {
        invitations: 'E-Mails zu neuen Anfragen',
        views: 'Hinweise zu Profilbesuchen',
        searches: 'Hinweise zu Suchergebnissen',
        messages: 'Nachrichtenübersichten',
        jobs: 'passende Stellen',
        endorsements: 'Hinweise zu Kenntnissen',
        posts: 'Neuigkeiten aus Ihrem Netzwerk',
        pymk: 'Personenvorschläge',
        accepted: 'Hinweise zu Ihren Anfragen',
      },
      unsubscribe: ['Diese E-Mails abbestellen', 'Keine solchen E-Mails mehr'],
      help: ['Hilfebereich', 'Fragen?'],
      settings: ['E-Mail-Einstellungen', 'Benachrichtigungen verwalten'],
      viewsHeading: [
        '{n} Personen haben Ihr Profil angesehen',
        'Ihr Profil hatte diese Woche {n} Besuche',
      ],
      viewsButton: ['Wer war das?', 'Besucher ansehen'],
      searchHeading: [
        'Sie wurden in {n} Suchen gefunden',
        '{n} Suchanfragen haben Sie diese Woche gefunden',
      ],
      searchButton: ['Wer hat gesucht?', 'Statistik öffnen'],
      messageHeading: ['{name} hat Ihnen geschrieben', 'Neue Nachricht von {name}'],
      messageButton: ['Antworten', 'Unterhaltung öffnen'],
      jobsHeading: ['{n} neue Stellen für „{query}“', 'Neue passende Jobs: {n} für „{query}“'],
      jobsButton: ['Alle Stellen ansehen', 'Treffer durchsuchen'],
      endorseHeading: [
        '{name} hat Ihre Kenntnisse in {skill} bestätigt',
        '{name} empfiehlt Sie für {skill}',
      ],
      endorseButton: ['Ihre Kenntnisse ansehen', 'Bedanken'],
      postHeading: ['{name} hat etwas Neues geteilt', 'Neuer Beitrag von {name}'],
      postButton: ['Beitrag lesen', 'Mitdiskutieren'],
      pymkMail: [
        'Personen von {company}, die Sie kennen könnten',
        'Erweitern Sie Ihr Netzwerk um Personen von {company}',
      ],
      acceptedHeading: ['{name} ist jetzt in Ihrem Netzwerk', '{name} hat Ihre Anfrage angenommen'],
      acceptedButton: ['Hallo sagen', 'Nachricht schreiben'],
    },
    notes: {
      defaults: [
        'Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.',
        'Ich würde mich gerne mit Ihnen auf LinkedIn vernetzen.',
      ],
      generic: [
        'Hallo {me}, ich würde mich freuen, uns zu vernetzen!',
        'Lass uns vernetzen!',
        'Guten Tag, gerne möchte ich mich mit Ihnen vernetzen.',
      ],
      pitch: [
        'Hallo {me}, wir unterstützen Mittelständler bei der Cloud-Migration. Hätten Sie nächste Woche 15 Minuten für ein kurzes Gespräch?',
        'Für einen Kunden in München suche ich eine Senior Java Entwicklerin (m/w/d), 100 % remote möglich. Darf ich Ihnen Details schicken?',
        'Guten Tag, wir bieten zertifizierte Scrum-Schulungen zum Sonderpreis an. Interesse?',
      ],
      context: [
        'Wir haben uns auf der code.talks in Hamburg am Stand von Otto unterhalten.',
        'Ehemaliger Kollege aus dem Payment-Team bei Zalando 👋',
        'Schön, dass wir uns beim Sommerfest von Katrin kennengelernt haben!',
        'Wir saßen im ICE von Köln nach Berlin nebeneinander.',
      ],
      personal: [
        'Ihr Vortrag über Barrierefreiheit hat mich sehr beeindruckt, ich würde Ihre Arbeit gerne weiter verfolgen.',
        'Ich lese Ihren Blog seit Jahren – danke für den Artikel über Datenbankmigrationen!',
        'Herzlichen Glückwunsch zur neuen Stelle, ich drücke die Daumen!',
      ],
      recruiterScript:
        'Hallo {me}, ich begleite ein stark wachsendes Scale-up im Bereich Developer Tools und Ihr Profil ist mir aufgefallen. Offen für ein kurzes Gespräch?',
      conferenceScript:
        'Danke für den Besuch an unserem Stand auf der Developer Week in Nürnberg, es war ein tolles Gespräch!',
    },
    people: {
      firsts: ['Lukas', 'Anna', 'Jonas', 'Katharina', 'Felix', 'Sophie', 'Moritz', 'Lea'],
      lasts: ['Schneider', 'Becker', 'Wagner', 'Hoffmann', 'Schäfer', 'Krüger', 'Neumann', 'Wolf'],
      headlines: [
        'Senior Softwareentwickler bei {company}',
        'Recruiterin | {company}',
        'Leiter Produktmanagement @ {company}',
        'Gründer & Geschäftsführer, {company}',
        'Data Scientist | Python | ML',
      ],
      companies: ['SAP', 'Zalando', 'Siemens', 'Celonis', 'DATEV'],
      cities: [
        'Berlin, Deutschland',
        'München, Bayern, Deutschland',
        'Hamburg, Deutschland',
        'Köln, Nordrhein-Westfalen, Deutschland',
      ],
      skills: ['Kubernetes', 'Produktstrategie', 'Teamführung', 'PostgreSQL'],
      queries: ['Teamleitung Softwareentwicklung', 'Platform Engineer'],
    },
    recipient: {
      name: 'Jana Krause',
      first: 'Jana',
      address: 'jana.krause@post.example',
      headline: 'Teamleiterin Softwareentwicklung bei Brightwave',
      vanity: 'jana-krause-dev',
    },
  },
  fr: {
    frame: {
      subject: [
        '{first} vous a envoyé une demande',
        'Nouvelle demande de {first}',
        '{first} souhaite rejoindre votre réseau',
      ],
      greeting: ['Bonjour {me},', '{me}, bonne nouvelle !', 'Salut {me},'],
      heading: [
        '{name} vous a envoyé une demande de mise en relation',
        '{name} demande à rejoindre votre réseau',
        'Demande de {name}',
      ],
      accept: ['Ajouter à mon réseau', 'Oui, volontiers', 'Confirmer'],
      view: ['Voir son profil', 'En savoir plus', 'Consulter le profil'],
      decline: ['Pas maintenant', 'Refuser', 'Plus tard'],
      mutual: ['{n} personnes en commun', 'Vous connaissez tous les deux {n} personnes'],
      pending: ['{n} autres demandes vous attendent', 'Il vous reste {n} demandes à traiter'],
      pendingLink: ['Voir toutes mes demandes', 'Tout passer en revue'],
      pymk: ['D’autres personnes à ajouter', 'Suggestions pour vous'],
      pymkButton: ['Ajouter', 'Inviter'],
      app: [
        'Emportez votre réseau : téléchargez l’application',
        'Répondez plus vite depuis votre téléphone',
      ],
      intended: [
        'Envoyé à {me} ({headline})',
        'Destinataire : {me} · {headline}',
        'Ce message s’adresse à {me} ({headline})',
      ],
      why: ['Pourquoi ce message ?', 'À propos de cet e-mail'],
      receiving: ['Vous recevez {what} de LinkedIn.', 'Vous avez choisi de recevoir {what}.'],
      what: {
        invitations: 'des e-mails sur les nouvelles demandes',
        views: 'des alertes de visites de profil',
        searches: 'des alertes d’apparition dans les recherches',
        messages: 'des résumés de messages',
        jobs: 'des offres correspondantes',
        endorsements: 'des alertes sur vos compétences',
        posts: 'des actualités de votre réseau',
        pymk: 'des suggestions de personnes',
        accepted: 'des alertes sur vos demandes',
      },
      unsubscribe: ['Ne plus recevoir ces e-mails', 'Se désabonner de ces envois'],
      help: ['Assistance', 'Une question ?'],
      settings: ['Préférences e-mail', 'Gérer les notifications'],
      viewsHeading: [
        '{n} personnes ont consulté votre profil',
        'Votre profil a reçu {n} visites cette semaine',
      ],
      viewsButton: ['Qui est passé ?', 'Voir les visiteurs'],
      searchHeading: [
        'Vous êtes apparu(e) dans {n} recherches',
        '{n} recherches vous ont trouvé(e) cette semaine',
      ],
      searchButton: ['Qui vous a cherché ?', 'Ouvrir vos statistiques'],
      messageHeading: ['{name} vous a écrit', 'Nouveau message de {name}'],
      messageButton: ['Répondre', 'Ouvrir la conversation'],
      jobsHeading: [
        '{n} nouvelles offres pour « {query} »',
        'Offres correspondant à « {query} » : {n}',
      ],
      jobsButton: ['Voir toutes les offres', 'Parcourir les résultats'],
      endorseHeading: [
        '{name} a validé votre compétence {skill}',
        '{name} vous recommande pour {skill}',
      ],
      endorseButton: ['Voir vos compétences', 'Remercier'],
      postHeading: ['{name} a partagé du nouveau', 'Nouvelle publication de {name}'],
      postButton: ['Lire la publication', 'Participer à la discussion'],
      pymkMail: [
        'Des personnes de {company} que vous connaissez peut-être',
        'Élargissez votre réseau avec des personnes de {company}',
      ],
      acceptedHeading: [
        '{name} fait maintenant partie de votre réseau',
        '{name} a accepté votre demande',
      ],
      acceptedButton: ['Dire bonjour', 'Écrire un message'],
    },
    notes: {
      defaults: ['Je souhaiterais vous ajouter à mon réseau professionnel sur LinkedIn.'],
      generic: [
        'Bonjour {me}, ravi de me connecter avec vous !',
        'Connectons-nous !',
        'Bonjour, au plaisir d’échanger ici.',
      ],
      pitch: [
        'Bonjour {me}, nous aidons les PME à réduire leurs coûts cloud de 30 %. Un appel de 15 minutes la semaine prochaine ?',
        'Je recrute un(e) lead dev Python pour une fintech parisienne, full remote possible. Ouvert(e) à en discuter ?',
        'Bonjour, notre agence crée des sites e-commerce à prix fixe. Puis-je vous envoyer notre book ?',
      ],
      context: [
        'On s’est rencontrés au BreizhCamp à Rennes, merci encore pour la discussion sur Kafka.',
        'Ancienne collègue de l’équipe paiement chez Doctolib 👋',
        'Ravie d’avoir fait ta connaissance au pot de départ de Julien vendredi.',
        'Nous étions voisins dans le TGV retour de Lyon.',
      ],
      personal: [
        'Votre conférence sur l’accessibilité m’a beaucoup marqué, j’aimerais suivre votre travail.',
        'Je lis votre blog depuis des années, merci pour l’article sur les migrations de bases de données.',
        'Félicitations pour votre nouveau poste !',
      ],
      recruiterScript:
        'Bonjour {me}, j’accompagne une scale-up en forte croissance dans les outils pour développeurs et votre profil a retenu mon attention. Ouvert(e) à en savoir plus ?',
      conferenceScript:
        'Merci d’être passé(e) sur notre stand à VivaTech hier, ravi d’avoir échangé !',
    },
    people: {
      firsts: ['Camille', 'Hugo', 'Léa', 'Antoine', 'Manon', 'Julien', 'Chloé', 'Thomas'],
      lasts: ['Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Moreau', 'Girard', 'Laurent', 'Roux'],
      headlines: [
        'Développeur senior chez {company}',
        'Chargée de recrutement | {company}',
        'Head of Product @ {company}',
        'Fondateur & CEO, {company}',
        'Data Scientist | Python | ML',
      ],
      companies: ['Doctolib', 'BlaBlaCar', 'Dassault Systèmes', 'Qonto', 'Criteo'],
      cities: [
        'Paris, Île-de-France, France',
        'Lyon, Auvergne-Rhône-Alpes, France',
        'Nantes, Pays de la Loire, France',
        'Bordeaux, Nouvelle-Aquitaine, France',
      ],
      skills: ['Kubernetes', 'Stratégie produit', 'Management d’équipe', 'PostgreSQL'],
      queries: ['responsable d’équipe de développement', 'ingénieur plateforme'],
    },
    recipient: {
      name: 'Claire Fontaine',
      first: 'Claire',
      address: 'claire.fontaine@courrier.example',
      headline: 'Responsable d’équipe technique chez Brightwave',
      vanity: 'claire-fontaine',
    },
  },
  es: {
    frame: {
      subject: [
        '{first} te ha enviado una solicitud',
        'Nueva solicitud de {first}',
        '{first} quiere sumarse a tu red',
      ],
      greeting: ['Hola, {me}:', '¡Buenas noticias, {me}!', '{me}, hola'],
      heading: [
        '{name} te ha enviado una solicitud de contacto',
        '{name} pide unirse a tu red',
        'Solicitud de {name}',
      ],
      accept: ['Añadir a mi red', 'Sí, claro', 'Confirmar'],
      view: ['Ver su perfil', 'Saber más', 'Consultar el perfil'],
      decline: ['Ahora no', 'Rechazar', 'Más tarde'],
      mutual: ['{n} personas en común', 'Los dos conocéis a {n} personas'],
      pending: [
        'Tienes {n} solicitudes más esperando',
        'Aún te quedan {n} solicitudes por responder',
      ],
      pendingLink: ['Ver todas mis solicitudes', 'Revisarlas todas'],
      pymk: ['Otras personas que puedes añadir', 'Sugerencias para ti'],
      pymkButton: ['Añadir', 'Invitar'],
      app: ['Lleva tu red contigo: descarga la aplicación', 'Responde más rápido desde el móvil'],
      intended: [
        'Enviado a {me} ({headline})',
        'Para {me} · {headline}',
        'Este mensaje es para {me} ({headline})',
      ],
      why: ['¿Por qué recibo esto?', 'Sobre este correo'],
      receiving: ['Recibes {what} de LinkedIn.', 'Estás suscrito a {what}.'],
      what: {
        invitations: 'correos sobre nuevas solicitudes',
        views: 'avisos de visitas al perfil',
        searches: 'avisos de apariciones en búsquedas',
        messages: 'resúmenes de mensajes',
        jobs: 'ofertas que encajan contigo',
        endorsements: 'avisos sobre tus aptitudes',
        posts: 'novedades de tu red',
        pymk: 'sugerencias de personas',
        accepted: 'avisos sobre tus solicitudes',
      },
      unsubscribe: ['Dejar de recibir estos correos', 'Darse de baja de estos avisos'],
      help: ['Centro de asistencia', '¿Dudas?'],
      settings: ['Preferencias de correo', 'Gestionar avisos'],
      viewsHeading: [
        '{n} personas han mirado tu perfil',
        'Tu perfil ha tenido {n} visitas esta semana',
      ],
      viewsButton: ['¿Quién ha sido?', 'Ver visitantes'],
      searchHeading: [
        'Has aparecido en {n} búsquedas',
        '{n} búsquedas te han encontrado esta semana',
      ],
      searchButton: ['¿Quién te buscó?', 'Abrir estadísticas'],
      messageHeading: ['{name} te ha escrito', 'Nuevo mensaje de {name}'],
      messageButton: ['Responder', 'Abrir conversación'],
      jobsHeading: ['{n} ofertas nuevas para «{query}»', 'Empleos que encajan con «{query}»: {n}'],
      jobsButton: ['Ver todas las ofertas', 'Explorar resultados'],
      endorseHeading: [
        '{name} ha validado tu aptitud en {skill}',
        '{name} te recomienda en {skill}',
      ],
      endorseButton: ['Ver tus aptitudes', 'Dar las gracias'],
      postHeading: ['{name} ha compartido algo nuevo', 'Nueva publicación de {name}'],
      postButton: ['Leer la publicación', 'Unirse a la conversación'],
      pymkMail: [
        'Personas de {company} que quizá conozcas',
        'Amplía tu red con personas de {company}',
      ],
      acceptedHeading: ['{name} ya forma parte de tu red', '{name} ha aceptado tu solicitud'],
      acceptedButton: ['Saludar', 'Escribir un mensaje'],
    },
    notes: {
      defaults: ['Me gustaría añadirte a mi red profesional en LinkedIn.'],
      generic: [
        'Hola {me}, ¡me encantaría conectar contigo!',
        '¡Conectemos!',
        'Hola, encantado de conectar.',
      ],
      pitch: [
        'Hola {me}, ayudamos a pymes a reducir un 30 % sus costes en la nube. ¿Tienes 15 minutos la semana que viene?',
        'Busco una persona Senior Backend para una fintech en Madrid, 100 % remoto. ¿Te cuento más?',
        'Hola, nuestra agencia hace tiendas online a precio cerrado. ¿Te envío nuestro portfolio?',
      ],
      context: [
        'Nos conocimos en la Codemotion Madrid, en la charla de Kubernetes.',
        'Excompañero del equipo de pagos de Cabify 👋',
        'Fue un placer conocerte en la despedida de Marta el viernes.',
        'Íbamos sentados juntos en el AVE de vuelta de Barcelona.',
      ],
      personal: [
        'Tu charla sobre accesibilidad me marcó mucho, me gustaría seguir tu trabajo.',
        'Llevo años leyendo tu blog, ¡gracias por el artículo sobre migraciones de bases de datos!',
        '¡Enhorabuena por el nuevo puesto!',
      ],
      recruiterScript:
        'Hola {me}, colaboro con una scale-up en pleno crecimiento de herramientas para desarrolladores y tu perfil me ha llamado la atención. ¿Te apetece saber más?',
      conferenceScript:
        '¡Gracias por pasarte ayer por nuestro stand en el South Summit, fue un placer charlar!',
    },
    people: {
      firsts: ['Lucía', 'Pablo', 'Carmen', 'Javier', 'Marta', 'Álvaro', 'Elena', 'Sergio'],
      lasts: ['García', 'Martínez', 'López', 'Sánchez', 'Romero', 'Navarro', 'Torres', 'Gil'],
      headlines: [
        'Ingeniero de software sénior en {company}',
        'Técnica de selección | {company}',
        'Head of Product @ {company}',
        'Fundador y CEO, {company}',
        'Científica de datos | Python | ML',
      ],
      companies: ['Cabify', 'Glovo', 'Telefónica', 'Idealista', 'BBVA'],
      cities: [
        'Madrid, Comunidad de Madrid, España',
        'Barcelona, Cataluña, España',
        'Valencia, Comunidad Valenciana, España',
        'Sevilla, Andalucía, España',
      ],
      skills: ['Kubernetes', 'Estrategia de producto', 'Liderazgo de equipos', 'PostgreSQL'],
      queries: ['responsable de ingeniería', 'ingeniero de plataforma'],
    },
    recipient: {
      name: 'Nuria Vidal',
      first: 'Nuria',
      address: 'nuria.vidal@correo.example',
      headline: 'Responsable de ingeniería en Brightwave',
      vanity: 'nuria-vidal',
    },
  },
  pt: {
    frame: {
      subject: [
        '{first} enviou uma solicitação para você',
        'Nova solicitação de {first}',
        '{first} quer entrar na sua rede',
      ],
      greeting: ['Olá, {me},', 'Boa notícia, {me}!', 'Oi {me},'],
      heading: [
        '{name} enviou uma solicitação de contato',
        '{name} pediu para entrar na sua rede',
        'Solicitação de {name}',
      ],
      accept: ['Adicionar à minha rede', 'Sim, quero', 'Confirmar'],
      view: ['Ver o perfil', 'Saiba mais', 'Conferir perfil'],
      decline: ['Agora não', 'Recusar', 'Depois'],
      mutual: ['{n} pessoas em comum', 'Vocês dois conhecem {n} pessoas'],
      pending: [
        'Mais {n} solicitações esperam por você',
        'Você ainda tem {n} solicitações para responder',
      ],
      pendingLink: ['Ver todas as solicitações', 'Revisar todas'],
      pymk: ['Outras pessoas para adicionar', 'Sugestões para você'],
      pymkButton: ['Adicionar', 'Convidar'],
      app: ['Leve sua rede com você: baixe o aplicativo', 'Responda mais rápido pelo celular'],
      intended: [
        'Enviado para {me} ({headline})',
        'Para {me} · {headline}',
        'Esta mensagem é para {me} ({headline})',
      ],
      why: ['Por que recebi isto?', 'Sobre este e-mail'],
      receiving: ['Você recebe {what} do LinkedIn.', 'Você assinou {what}.'],
      what: {
        invitations: 'e-mails sobre novas solicitações',
        views: 'avisos de visitas ao perfil',
        searches: 'avisos de aparições em pesquisas',
        messages: 'resumos de mensagens',
        jobs: 'vagas compatíveis',
        endorsements: 'avisos sobre suas competências',
        posts: 'novidades da sua rede',
        pymk: 'sugestões de pessoas',
        accepted: 'avisos sobre suas solicitações',
      },
      unsubscribe: ['Parar de receber estes e-mails', 'Sair desta lista'],
      help: ['Central de ajuda', 'Dúvidas?'],
      settings: ['Preferências de e-mail', 'Gerenciar avisos'],
      viewsHeading: ['{n} pessoas olharam seu perfil', 'Seu perfil teve {n} visitas nesta semana'],
      viewsButton: ['Quem foi?', 'Ver visitantes'],
      searchHeading: [
        'Você apareceu em {n} pesquisas',
        '{n} pesquisas encontraram você nesta semana',
      ],
      searchButton: ['Quem pesquisou?', 'Abrir estatísticas'],
      messageHeading: ['{name} escreveu para você', 'Nova mensagem de {name}'],
      messageButton: ['Responder', 'Abrir conversa'],
      jobsHeading: ['{n} vagas novas para “{query}”', 'Vagas compatíveis com “{query}”: {n}'],
      jobsButton: ['Ver todas as vagas', 'Explorar resultados'],
      endorseHeading: [
        '{name} validou sua competência em {skill}',
        '{name} recomendou você em {skill}',
      ],
      endorseButton: ['Ver suas competências', 'Agradecer'],
      postHeading: ['{name} compartilhou uma novidade', 'Nova publicação de {name}'],
      postButton: ['Ler a publicação', 'Participar da conversa'],
      pymkMail: [
        'Pessoas da {company} que você talvez conheça',
        'Amplie sua rede com pessoas da {company}',
      ],
      acceptedHeading: ['{name} agora faz parte da sua rede', '{name} aceitou sua solicitação'],
      acceptedButton: ['Dizer oi', 'Escrever mensagem'],
    },
    notes: {
      defaults: ['Gostaria de adicioná-lo à minha rede profissional no LinkedIn.'],
      generic: [
        'Olá {me}, adoraria me conectar com você!',
        'Vamos nos conectar!',
        'Oi, prazer em me conectar.',
      ],
      pitch: [
        'Olá {me}, ajudamos empresas a reduzir em 30% os custos de nuvem. Tem 15 minutos na próxima semana?',
        'Estou contratando uma pessoa desenvolvedora Sênior para uma fintech em São Paulo, 100% remoto. Posso te contar mais?',
        'Oi, nossa agência cria lojas virtuais com preço fechado. Posso enviar nosso portfólio?',
      ],
      context: [
        'Nos conhecemos no TDC em Florianópolis, na palestra sobre Kubernetes.',
        'Ex-colega do time de pagamentos do Nubank 👋',
        'Foi ótimo te conhecer na despedida da Juliana na sexta.',
        'Sentamos lado a lado no voo de volta do Web Summit Rio.',
      ],
      personal: [
        'Sua palestra sobre acessibilidade me marcou muito, gostaria de acompanhar seu trabalho.',
        'Leio seu blog há anos, obrigado pelo artigo sobre migrações de banco de dados!',
        'Parabéns pelo novo cargo!',
      ],
      recruiterScript:
        'Olá {me}, estou apoiando uma scale-up em forte crescimento na área de ferramentas para desenvolvedores e seu perfil chamou minha atenção. Topa conversar?',
      conferenceScript:
        'Obrigado por passar no nosso estande no Web Summit Rio ontem, foi ótimo conversar!',
    },
    people: {
      firsts: ['Ana', 'João', 'Beatriz', 'Lucas', 'Mariana', 'Rafael', 'Camila', 'Pedro'],
      lasts: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Costa', 'Almeida'],
      headlines: [
        'Engenheiro de Software Sênior na {company}',
        'Tech Recruiter | {company}',
        'Head de Produto @ {company}',
        'Fundador e CEO, {company}',
        'Cientista de Dados | Python | ML',
      ],
      companies: ['Nubank', 'iFood', 'Stone', 'Mercado Livre', 'TOTVS'],
      cities: [
        'São Paulo, São Paulo, Brasil',
        'Rio de Janeiro, Rio de Janeiro, Brasil',
        'Belo Horizonte, Minas Gerais, Brasil',
        'Lisboa, Portugal',
      ],
      skills: ['Kubernetes', 'Estratégia de produto', 'Liderança de equipes', 'PostgreSQL'],
      queries: ['gerente de engenharia', 'engenheiro de plataforma'],
    },
    recipient: {
      name: 'Fernanda Rocha',
      first: 'Fernanda',
      address: 'fernanda.rocha@email.example',
      headline: 'Gerente de Engenharia na Brightwave',
      vanity: 'fernanda-rocha-eng',
    },
  },
  nl: {
    frame: {
      subject: [
        '{first} heeft je een verzoek gestuurd',
        'Nieuw verzoek van {first}',
        '{first} wil bij je netwerk',
      ],
      greeting: ['Hoi {me},', 'Goed nieuws, {me}!', 'Beste {me},'],
      heading: [
        '{name} heeft je een contactverzoek gestuurd',
        '{name} vraagt of jullie contact worden',
        'Verzoek van {name}',
      ],
      accept: ['Toevoegen aan mijn netwerk', 'Ja, graag', 'Bevestigen'],
      view: ['Profiel bekijken', 'Meer over deze persoon', 'Naar het profiel'],
      decline: ['Nu niet', 'Weigeren', 'Later'],
      mutual: ['{n} mensen die jullie allebei kennen', '{n} gedeelde contacten'],
      pending: ['Er wachten nog {n} verzoeken op je', 'Je hebt nog {n} openstaande verzoeken'],
      pendingLink: ['Al mijn verzoeken bekijken', 'Alles doornemen'],
      pymk: ['Meer mensen voor je netwerk', 'Suggesties voor jou'],
      pymkButton: ['Toevoegen', 'Uitnodigen'],
      app: ['Neem je netwerk mee: download de app', 'Sneller reageren met je telefoon'],
      intended: [
        'Verstuurd aan {me} ({headline})',
        'Voor {me} · {headline}',
        'Dit bericht is voor {me} ({headline})',
      ],
      why: ['Waarom krijg ik dit?', 'Over deze e-mail'],
      receiving: ['Je ontvangt {what} van LinkedIn.', 'Je bent aangemeld voor {what}.'],
      what: {
        invitations: 'e-mails over nieuwe verzoeken',
        views: 'meldingen over profielbezoeken',
        searches: 'meldingen over zoekresultaten',
        messages: 'overzichten van berichten',
        jobs: 'passende vacatures',
        endorsements: 'meldingen over je vaardigheden',
        posts: 'nieuws uit je netwerk',
        pymk: 'suggesties van mensen',
        accepted: 'meldingen over je verzoeken',
      },
      unsubscribe: ['Deze e-mails stopzetten', 'Afmelden voor deze berichten'],
      help: ['Klantenservice', 'Vragen?'],
      settings: ['E-mailvoorkeuren', 'Meldingen beheren'],
      viewsHeading: ['{n} mensen bekeken je profiel', 'Je profiel kreeg deze week {n} bezoeken'],
      viewsButton: ['Wie was dat?', 'Bezoekers bekijken'],
      searchHeading: [
        'Je verscheen in {n} zoekopdrachten',
        '{n} zoekopdrachten vonden jou deze week',
      ],
      searchButton: ['Wie zocht er?', 'Statistieken openen'],
      messageHeading: ['{name} heeft je geschreven', 'Nieuw bericht van {name}'],
      messageButton: ['Beantwoorden', 'Gesprek openen'],
      jobsHeading: ['{n} nieuwe vacatures voor ‘{query}’', 'Passende banen voor ‘{query}’: {n}'],
      jobsButton: ['Alle vacatures bekijken', 'Resultaten doorzoeken'],
      endorseHeading: [
        '{name} heeft je vaardigheid {skill} onderschreven',
        '{name} beveelt je aan voor {skill}',
      ],
      endorseButton: ['Je vaardigheden bekijken', 'Bedanken'],
      postHeading: ['{name} heeft iets nieuws gedeeld', 'Nieuwe post van {name}'],
      postButton: ['Post lezen', 'Meepraten'],
      pymkMail: [
        'Mensen van {company} die je misschien kent',
        'Breid je netwerk uit met mensen van {company}',
      ],
      acceptedHeading: ['{name} zit nu in je netwerk', '{name} heeft je verzoek geaccepteerd'],
      acceptedButton: ['Hallo zeggen', 'Bericht sturen'],
    },
    notes: {
      defaults: ['Ik wil je graag toevoegen aan mijn professionele netwerk op LinkedIn.'],
      generic: [
        'Hoi {me}, leuk om te connecten!',
        'Laten we connecten!',
        'Hallo, leuk om contact te maken.',
      ],
      pitch: [
        'Hoi {me}, wij helpen mkb-bedrijven 30% te besparen op cloudkosten. Heb je volgende week 15 minuten?',
        'Voor een fintech in Amsterdam zoek ik een Senior Backend Developer, volledig remote. Mag ik je meer vertellen?',
        'Hallo, ons bureau bouwt webshops voor een vaste prijs. Zal ik ons portfolio sturen?',
      ],
      context: [
        'We spraken elkaar op de GOTO Amsterdam, bij de talk over Kafka.',
        'Oud-collega van het betaalteam bij Adyen 👋',
        'Leuk je te ontmoeten op de afscheidsborrel van Sanne vrijdag.',
        'We zaten naast elkaar in de trein terug van de Dutch PHP Conference.',
      ],
      personal: [
        'Je talk over toegankelijkheid maakte veel indruk, ik volg je werk graag.',
        'Ik lees je blog al jaren, dank voor het artikel over databasemigraties!',
        'Gefeliciteerd met je nieuwe baan!',
      ],
      recruiterScript:
        'Hoi {me}, ik ondersteun een snelgroeiende scale-up in developer tools en jouw profiel viel me op. Sta je open voor een kort gesprek?',
      conferenceScript:
        'Bedankt voor je bezoek aan onze stand op de Appdevcon gisteren, leuk gesprek!',
    },
    people: {
      firsts: ['Daan', 'Sanne', 'Bram', 'Lotte', 'Thijs', 'Fleur', 'Ruben', 'Eva'],
      lasts: ['de Jong', 'Jansen', 'de Vries', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer'],
      headlines: [
        'Senior Software Engineer bij {company}',
        'Recruiter | {company}',
        'Head of Product @ {company}',
        'Oprichter & CEO, {company}',
        'Data Scientist | Python | ML',
      ],
      companies: ['Adyen', 'Bol', 'Booking.com', 'Mollie', 'Picnic'],
      cities: [
        'Amsterdam, Noord-Holland, Nederland',
        'Utrecht, Nederland',
        'Rotterdam, Zuid-Holland, Nederland',
        'Eindhoven, Noord-Brabant, Nederland',
      ],
      skills: ['Kubernetes', 'Productstrategie', 'Teamleiderschap', 'PostgreSQL'],
      queries: ['engineering manager', 'platform engineer'],
    },
    recipient: {
      name: 'Marieke Visser',
      first: 'Marieke',
      address: 'marieke@visser.example.nl',
      headline: 'Engineering Manager bij Brightwave',
      vanity: 'mariekevisser',
    },
  },
  sv: {
    frame: {
      subject: [
        '{first} har skickat en förfrågan till dig',
        'Ny förfrågan från {first}',
        '{first} vill gå med i ditt nätverk',
      ],
      greeting: ['Hej {me},', 'Goda nyheter, {me}!', 'Hallå {me}!'],
      heading: [
        '{name} har skickat en kontaktförfrågan',
        '{name} frågar om ni vill bli kontakter',
        'Förfrågan från {name}',
      ],
      accept: ['Lägg till i mitt nätverk', 'Ja, gärna', 'Bekräfta'],
      view: ['Se profilen', 'Läs mer om personen', 'Till profilen'],
      decline: ['Inte nu', 'Avböj', 'Senare'],
      mutual: ['{n} personer som ni båda känner', '{n} gemensamma kontakter'],
      pending: [
        '{n} förfrågningar till väntar på dig',
        'Du har fortfarande {n} obesvarade förfrågningar',
      ],
      pendingLink: ['Se alla förfrågningar', 'Gå igenom alla'],
      pymk: ['Fler att lägga till', 'Förslag till dig'],
      pymkButton: ['Lägg till', 'Bjud in'],
      app: ['Ta med dig nätverket: hämta appen', 'Svara snabbare i mobilen'],
      intended: [
        'Skickat till {me} ({headline})',
        'Till {me} · {headline}',
        'Det här meddelandet är till {me} ({headline})',
      ],
      why: ['Varför får jag det här?', 'Om det här mejlet'],
      receiving: ['Du får {what} från LinkedIn.', 'Du prenumererar på {what}.'],
      what: {
        invitations: 'mejl om nya förfrågningar',
        views: 'aviseringar om profilbesök',
        searches: 'aviseringar om sökträffar',
        messages: 'sammanfattningar av meddelanden',
        jobs: 'matchande jobb',
        endorsements: 'aviseringar om dina kompetenser',
        posts: 'nyheter från ditt nätverk',
        pymk: 'förslag på personer',
        accepted: 'aviseringar om dina förfrågningar',
      },
      unsubscribe: ['Sluta få dessa mejl', 'Avsluta prenumerationen på dessa'],
      help: ['Kundtjänst', 'Frågor?'],
      settings: ['Mejlinställningar', 'Hantera aviseringar'],
      viewsHeading: [
        '{n} personer har tittat på din profil',
        'Din profil fick {n} besök den här veckan',
      ],
      viewsButton: ['Vem var det?', 'Se besökarna'],
      searchHeading: ['Du dök upp i {n} sökningar', '{n} sökningar hittade dig den här veckan'],
      searchButton: ['Vem sökte?', 'Öppna statistiken'],
      messageHeading: ['{name} har skrivit till dig', 'Nytt meddelande från {name}'],
      messageButton: ['Svara', 'Öppna konversationen'],
      jobsHeading: ['{n} nya jobb för ”{query}”', 'Jobb som matchar ”{query}”: {n}'],
      jobsButton: ['Se alla jobb', 'Bläddra bland träffarna'],
      endorseHeading: [
        '{name} har intygat din kompetens inom {skill}',
        '{name} rekommenderar dig för {skill}',
      ],
      endorseButton: ['Se dina kompetenser', 'Tacka'],
      postHeading: ['{name} har delat något nytt', 'Nytt inlägg från {name}'],
      postButton: ['Läs inlägget', 'Var med i diskussionen'],
      pymkMail: [
        'Personer från {company} som du kanske känner',
        'Utöka ditt nätverk med personer från {company}',
      ],
      acceptedHeading: [
        '{name} finns nu i ditt nätverk',
        '{name} har tackat ja till din förfrågan',
      ],
      acceptedButton: ['Säg hej', 'Skriv ett meddelande'],
    },
    notes: {
      defaults: ['Jag vill gärna lägga till dig i mitt professionella nätverk på LinkedIn.'],
      generic: [
        'Hej {me}, kul att få kontakt!',
        'Vi kopplar ihop oss!',
        'Hej, trevligt att ha kontakt här.',
      ],
      pitch: [
        'Hej {me}, vi hjälper företag att sänka molnkostnaderna med 30 %. Har du 15 minuter nästa vecka?',
        'Jag rekryterar en senior backendutvecklare till ett fintechbolag i Stockholm, helt på distans. Får jag berätta mer?',
        'Hej! Vår byrå bygger webbshoppar till fast pris. Får jag skicka vår portfolio?',
      ],
      context: [
        'Vi träffades på Øredev i Malmö, vid föredraget om Kafka.',
        'Tidigare kollega från betalteamet på Klarna 👋',
        'Trevligt att träffas på Saras avtackning i fredags.',
        'Vi satt bredvid varandra på tåget hem från Göteborg.',
      ],
      personal: [
        'Ditt föredrag om tillgänglighet gjorde stort intryck, jag följer gärna ditt arbete.',
        'Jag har läst din blogg i flera år, tack för artikeln om databasmigreringar!',
        'Grattis till den nya tjänsten!',
      ],
      recruiterScript:
        'Hej {me}, jag samarbetar med ett snabbväxande scale-up inom utvecklarverktyg och din profil fångade mitt intresse. Är du öppen för ett kort samtal?',
      conferenceScript:
        'Tack för att du kom förbi vår monter på Nordic Tech Week i går, riktigt trevligt samtal!',
    },
    people: {
      firsts: ['Erik', 'Maja', 'Johan', 'Elin', 'Oskar', 'Ebba', 'Viktor', 'Linnea'],
      lasts: [
        'Andersson',
        'Johansson',
        'Karlsson',
        'Nilsson',
        'Lindberg',
        'Ekström',
        'Berg',
        'Holm',
      ],
      headlines: [
        'Senior mjukvaruutvecklare på {company}',
        'Rekryterare | {company}',
        'Produktchef @ {company}',
        'Grundare & vd, {company}',
        'Data Scientist | Python | ML',
      ],
      companies: ['Klarna', 'Spotify', 'Ericsson', 'Volvo Cars', 'King'],
      cities: [
        'Stockholm, Stockholms län, Sverige',
        'Göteborg, Västra Götalands län, Sverige',
        'Malmö, Skåne län, Sverige',
        'Uppsala, Sverige',
      ],
      skills: ['Kubernetes', 'Produktstrategi', 'Ledarskap', 'PostgreSQL'],
      queries: ['utvecklingschef', 'plattformsingenjör'],
    },
    recipient: {
      name: 'Karin Sjöberg',
      first: 'Karin',
      address: 'karin.sjoberg@epost.example.se',
      headline: 'Utvecklingschef på Brightwave',
      vanity: 'karin-sjoberg',
    },
  },
};
