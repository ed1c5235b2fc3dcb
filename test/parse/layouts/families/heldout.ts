// Held-out invitations: written from the public formats (linkedin-corpus/bodies and raw/), not
// from the fixtures, with people and notes that no fixture has. 2011 "Name via LinkedIn" from
// member@linkedin.com; 2015 invite_member_28 and invite_guest; 2016-2022 email_m2m_invite_single_01
// as the imapdigester samples; the 2013 reminder and the 2016 first_guest_reminder_01. Layouts
// that always carried a note carry LinkedIn's default one when the inviter wrote none.
import { escapeHtml } from '../render.ts';
import {
  block,
  buttons,
  link,
  type Mail,
  noteAsHtml,
  noteAsText,
  page,
  type Scene,
  textBlocks,
} from '../scene.ts';

export interface HeldOut {
  name: string;
  /** LinkedIn's note when the inviter wrote none (these layouts always show one). */
  defaultNote: string;
  render(s: Scene): Mail;
}

function both(s: Scene, text: string, blocks: string[]): Pick<Mail, 'text' | 'html'> {
  return {
    text: s.axes.parts === 'html' ? null : text,
    html: s.axes.parts === 'text' ? null : page('en', blocks, null, s.axes),
  };
}

const ADD = "I'd like to add you to my professional network on LinkedIn.";

const via2011: HeldOut = {
  name: '2011 via LinkedIn',
  defaultNote: ADD,
  render(s) {
    const e = `http://www.linkedin.com/e/kq0fyp-go23i09i-48/uYFEuWAc/blk/I${s.invitationId.slice(0, 9)}_55`;
    const accept = `${e}/pmpxnSRJrSdvj4R5fnhv9ClRsDgZp6lQs6lzoQ5AomZ/EML_comm_afe/`;
    const view = `${e}/0RdlYVcz0Vc3sTd4ALqnpPbOYWrSlI/svi/`;
    const note = s.note ? noteAsText(s.note, true) : ADD;
    const text = textBlocks([
      'LinkedIn',
      '------------',
      `    ${s.inviter.name} requested to add you as a connection on LinkedIn:`,
      '------------------------------------------',
      `${s.recipient.first},`,
      note,
      `- ${s.inviter.first}`,
      `Accept invitation from ${s.inviter.name}\n\n${accept}`,
      `View invitation from ${s.inviter.name}\n\n${view}`,
      '------------------------------------------',
      "DID YOU KNOW you can be the first to know when a trusted member of your network changes jobs? With Network Updates on your LinkedIn home page, you'll be notified as members of your network change their current position. Be the first to know and reach out!\n\nhttp://www.linkedin.com/",
      '-- \n(c) 2011, LinkedIn Corporation',
    ]);
    return {
      from: { name: `${s.inviter.name} via LinkedIn`, address: 'member@linkedin.com' },
      subject: 'Invitation to connect on LinkedIn',
      template: 'member_invitation',
      ...both(s, text, [
        block(
          [`${escapeHtml(s.inviter.name)} requested to add you as a connection on LinkedIn:`],
          s.axes,
          0,
        ),
        block([escapeHtml(`${s.recipient.first},`)], s.axes, 1),
        s.note ? noteAsHtml(s.note, s.axes.noteParagraphs) : `<p>${escapeHtml(ADD)}</p>`,
        block([escapeHtml(`- ${s.inviter.first}`)], s.axes, 2),
        block(
          [
            link(accept, `Accept invitation from ${s.inviter.name}`),
            link(view, `View invitation from ${s.inviter.name}`),
          ],
          s.axes,
          3,
        ),
        block(['<p>(c) 2011, LinkedIn Corporation</p>'], s.axes, 4),
      ]),
    };
  },
};

const member2015: HeldOut = {
  name: '2015 invite_member_28',
  defaultNote: "I'd like to connect with you on LinkedIn.",
  render(s) {
    const accept = `https://www.linkedin.com/comm/people/invite-accept?mboxid=I${s.invitationId}_500&sharedKey=${s.sharedKey}&fr=false&invitationId=${s.invitationId}&fe=true&trk=eml-comm_invm-b-accept-newinvite&midToken=AQHAfFZgmjxUgw&trkEmail=eml-invite_member_28-null-0-null-null-7n8otd%7Eih7arj7e%7E2b`;
    const view = `https://www.linkedin.com/comm/profile/view?id=AAsAABuRaHYBZN1&authType=name&authToken=Apqe&trk=eml-comm_invm-b-name-newinvite&midToken=AQHAfFZgmjxUgw&trkEmail=eml-invite_member_28-null-8-null-null-7n8otd%7Eih7arj7e%7E2b`;
    const note = s.note ? noteAsText(s.note, false) : this.defaultNote;
    const unsub =
      'https://www.linkedin.com/e/v2?e=7n8otd-ih7arj7e-2b&t=lun&midToken=AQHAfFZgmjxUgw&tracking=eml-comm_invm-f-unsub-newinvite&ek=invite_member_28';
    const learn =
      'https://www.linkedin.com/e/v2?e=7n8otd-ih7arj7e-2b&a=customerServiceUrl&midToken=AQHAfFZgmjxUgw&ek=invite_member_28';
    const copyright =
      '© 2015 LinkedIn Corporation, 2029 Stierlin Court, Mountain View CA 94043. LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.';
    const text = `Hi ${s.recipient.first},\n${note}\n\n${textBlocks([
      `${s.inviter.name}\n${s.inviter.headline}`,
      `Accept: ${accept}`,
      `View ${s.inviter.name}'s profile: ${view}`,
      `You are receiving Invitation emails. Unsubscribe here: ${unsub}`,
      `This email was intended for ${s.recipient.name} (${s.recipient.headline}). Learn why we included this at the following link: ${learn}`,
      copyright,
    ])}`;
    return {
      from: { name: s.inviter.name, address: 'invitations@linkedin.com' },
      subject: `${s.recipient.first}, please add me to your LinkedIn network`,
      template: 'invite_member_28',
      ...both(s, text, [
        block([escapeHtml(`Hi ${s.recipient.first},`)], s.axes, 0),
        s.note ? noteAsHtml(s.note, s.axes.noteParagraphs) : `<p>${escapeHtml(note)}</p>`,
        block([link(view, s.inviter.name), escapeHtml(s.inviter.headline)], s.axes, 1),
        block(
          [
            buttons(
              [
                [accept, 'Accept'],
                [view, `View ${s.inviter.name}'s profile`],
              ],
              s.axes,
            ),
          ],
          s.axes,
          2,
        ),
        block(
          [
            `You are receiving Invitation emails. ${link(unsub, 'Unsubscribe')}`,
            `This email was intended for ${escapeHtml(s.recipient.name)} (${escapeHtml(s.recipient.headline)}). ${link(learn, 'Learn why we included this.')}`,
            escapeHtml(copyright),
          ],
          s.axes,
          3,
        ),
      ]),
    };
  },
};

const GUEST_FOOTER =
  'You received an invitation to connect. LinkedIn will use your email address to make suggestions to our members in features like People You May Know.';

const guest2015: HeldOut = {
  name: '2015 invite_guest',
  defaultNote: ADD,
  render(s) {
    const e = 'https://www.linkedin.com/e/v2?e=-9a89pw-if9xpu41-4a';
    const confirm = `${e}&t=ssuw&tracking=eml-guest-invite-cta&ek=invite_guest&sharedKey=${s.sharedKey}&invitationId=${s.invitationId}`;
    const unsub = `${e}&t=lun&midToken=AQFmrFVhGEd36Q&ek=invite_guest`;
    const service = `${e}&a=customerServiceUrl&ek=invite_guest`;
    const note = s.note ? noteAsText(s.note, true) : ADD;
    const copyright =
      '© 2015 LinkedIn Corporation, 2029 Stierlin Court, Mountain View CA 94043. LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.';
    const text = textBlocks([
      'Hi,',
      note,
      `- ${s.inviter.first}`,
      `Confirm that you know ${s.inviter.first}: ${confirm}`,
      `${GUEST_FOOTER} Unsubscribe here: ${unsub}`,
      `This email was sent to ${s.recipient.address}.`,
      `If you need assistance or have questions, please contact LinkedIn Customer Service: ${service}`,
      copyright,
    ]);
    return {
      from: { name: s.inviter.name, address: 'invitations@linkedin.com' },
      subject: `${s.inviter.name} has invited you to connect`,
      template: 'invite_guest',
      ...both(s, text, [
        block(['Hi,'], s.axes, 0),
        s.note ? noteAsHtml(s.note, s.axes.noteParagraphs) : `<p>${escapeHtml(ADD)}</p>`,
        block([escapeHtml(`- ${s.inviter.first}`)], s.axes, 1),
        block(
          [buttons([[confirm, `Confirm that you know ${s.inviter.first}`]], s.axes)],
          s.axes,
          2,
        ),
        block(
          [
            `${escapeHtml(GUEST_FOOTER)} ${link(unsub, 'Unsubscribe')}`,
            escapeHtml(`This email was sent to ${s.recipient.address}.`),
            `If you need assistance or have questions, please contact ${link(service, 'LinkedIn Customer Service')}`,
            escapeHtml(copyright),
          ],
          s.axes,
          3,
        ),
      ]),
    };
  },
};

const m2m2016: HeldOut = {
  name: '2016 email_m2m_invite_single_01',
  defaultNote: "I'd like to join your LinkedIn network.",
  render(s) {
    const t = 'email_m2m_invite_single_01';
    const view = `https://www.linkedin.com/comm/profile/view?id=AAsAAAJUVTYBWkKAZwpp&authType=name&authToken=eAsV&midToken=AQHQ1w5V4ws4wA&trk=eml-${t}-hero-3-prof%7Ecta&trkEmail=eml-${t}-hero-3-prof%7Ecta-null-1b3p5%7Einqenmmy%7Eir`;
    const accept = `https://www.linkedin.com/comm/people/invite-accept?mboxid=I${s.invitationId}_500&sharedKey=${s.sharedKey}&fr=false&invitationId=${s.invitationId}&fe=true&midToken=AQHQ1w5V4ws4wA&trk=eml-${t}-hero-0-accept%7Ecta&trkEmail=eml-${t}-hero-0-accept%7Ecta-null-1b3p5%7Einqenmmy%7Eir`;
    const e = `https://www.linkedin.com/e/v2?e=1b3p5-inqenmmy-ir&midToken=AQHQ1w5V4ws4wA&ek=${t}`;
    const note = s.note ? noteAsText(s.note, true) : this.defaultNote;
    const text = textBlocks([
      `Hi ${s.recipient.first},`,
      note,
      `${s.inviter.name}\n${s.inviter.headline}`,
      `View profile: ${view}`,
      `Accept: ${accept}`,
      '.....................................',
      `Unsubscribe: ${e}&t=lun&m=unsub`,
      `Help: ${e}&a=customerServiceUrl&articleId=67`,
      'You are receiving Invitation emails.',
      `This email was intended for ${s.recipient.name} (${s.recipient.headline}).\nLearn why we included this: ${e}&a=customerServiceUrl&articleId=4788`,
      '© 2016 LinkedIn Corporation, 2029 Stierlin Court, Mountain View CA 94043. LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.',
    ]);
    return {
      from: { name: s.inviter.name, address: 'invitations@linkedin.com' },
      subject: `${s.recipient.first}, please add me to your LinkedIn network`,
      template: t,
      ...both(s, text, [
        block([escapeHtml(`Hi ${s.recipient.first},`)], s.axes, 0),
        s.note
          ? noteAsHtml(s.note, s.axes.noteParagraphs)
          : `<p>${escapeHtml(this.defaultNote)}</p>`,
        block(
          [
            link(view, s.inviter.name),
            escapeHtml(s.inviter.headline),
            s.inviter.location ? escapeHtml(s.inviter.location) : '',
          ],
          s.axes,
          1,
        ),
        block(
          [
            buttons(
              [
                [accept, 'Accept'],
                [view, 'View profile'],
              ],
              s.axes,
            ),
          ],
          s.axes,
          2,
        ),
        block(
          [
            `${link(`${e}&t=lun&m=unsub`, 'Unsubscribe')} | ${link(`${e}&a=customerServiceUrl&articleId=67`, 'Help')}`,
            'You are receiving Invitation emails.',
            `This email was intended for ${escapeHtml(s.recipient.name)} (${escapeHtml(s.recipient.headline)}). ${link(`${e}&articleId=4788`, 'Learn why we included this.')}`,
          ],
          s.axes,
          3,
        ),
      ]),
    };
  },
};

const guestReminder2016: HeldOut = {
  name: '2016 first_guest_reminder_01',
  defaultNote: ADD,
  render(s) {
    const t = 'first_guest_reminder_01';
    const accept = `https://www.linkedin.com/comm/start/accept-invitation?sharedKey=${s.sharedKey}&invitationId=${s.invitationId}&trk=eml-${t}-hero-121-accept_text`;
    const view = `https://www.linkedin.com/comm/start/accept-invitation?sharedKey=${s.sharedKey}&invitationId=${s.invitationId}&trk=eml-${t}-hero-3-profile_text`;
    const e = `https://www.linkedin.com/e/v2?e=-em9fj9-iw6mslee-qb&ek=${t}`;
    const note = s.note ? noteAsText(s.note, true) : null;
    const text = textBlocks([
      `${s.inviter.name} would like to connect on LinkedIn. How would you like to respond?`,
      note,
      `Accept: ${accept}`,
      `View ${s.inviter.name}'s profile: ${view}`,
      `${GUEST_FOOTER} Unsubscribe here: ${e}&t=lun`,
      `This email was sent to ${s.recipient.address}.`,
      `If you need assistance or have questions, please contact LinkedIn Customer Service: ${e}&a=customerServiceUrl`,
      '© 2016 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085. LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.',
    ]);
    return {
      from: { name: s.inviter.name, address: 'invitations@linkedin.com' },
      subject: `${s.inviter.name}'s invitation is awaiting your response`,
      template: t,
      ...both(s, text, [
        block(
          [
            escapeHtml(
              `${s.inviter.name} would like to connect on LinkedIn. How would you like to respond?`,
            ),
          ],
          s.axes,
          0,
        ),
        s.note ? noteAsHtml(s.note, s.axes.noteParagraphs) : '',
        block(
          [
            buttons(
              [
                [accept, 'Accept'],
                [view, `View ${s.inviter.name}'s profile`],
              ],
              s.axes,
            ),
          ],
          s.axes,
          1,
        ),
        block(
          [
            `${escapeHtml(GUEST_FOOTER)} ${link(`${e}&t=lun`, 'Unsubscribe')}`,
            escapeHtml(`This email was sent to ${s.recipient.address}.`),
          ],
          s.axes,
          2,
        ),
      ]),
    };
  },
};

const reminder2013: HeldOut = {
  name: '2013 invitation reminder',
  defaultNote: ADD,
  render(s) {
    const accept = `https://www.linkedin.com/e/v2?e=3x8kq-hn2l9v0c-5e&t=acpt&ek=invite_reminder&invitationId=${s.invitationId}&sharedKey=${s.sharedKey}`;
    const view = `https://www.linkedin.com/e/v2?e=3x8kq-hn2l9v0c-5e&t=prof&ek=invite_reminder&invitationId=${s.invitationId}`;
    const when = `10/24/13 12:25 PM, ${s.inviter.name}`;
    const note = s.note ? noteAsText(s.note, true) : null;
    const text = textBlocks([
      `${s.inviter.name} would like to connect on LinkedIn. How would you like to respond?`,
      `${s.inviter.name}\n${s.inviter.headline}${s.inviter.location ? `\n${s.inviter.location}` : ''}`,
      note,
      `Accept: ${accept}\nView profile: ${view}`,
      `This is a reminder that on ${when} sent you an invitation to become part of their professional network at LinkedIn. Reminder emails for pending invitations.`,
      '© 2012 LinkedIn Corporation. 2029 Stierlin Ct, Mountain View, CA 94043, USA.',
    ]);
    return {
      from: { name: 'LinkedIn', address: 'invitations@linkedin.com' },
      subject: `${s.inviter.name}'s invitation is awaiting your response`,
      template: 'invite_reminder',
      ...both(s, text, [
        block(
          [
            escapeHtml(
              `${s.inviter.name} would like to connect on LinkedIn. How would you like to respond?`,
            ),
          ],
          s.axes,
          0,
        ),
        block(
          [
            link(view, s.inviter.name),
            escapeHtml(s.inviter.headline),
            s.inviter.location ? escapeHtml(s.inviter.location) : '',
          ],
          s.axes,
          1,
        ),
        s.note ? noteAsHtml(s.note, s.axes.noteParagraphs) : '',
        block(
          [
            buttons(
              [
                [accept, 'Accept'],
                [view, 'View profile'],
              ],
              s.axes,
            ),
          ],
          s.axes,
          2,
        ),
        block(
          [
            escapeHtml(
              `This is a reminder that on ${when} sent you an invitation to become part of their professional network at LinkedIn. Reminder emails for pending invitations.`,
            ),
            '© 2012 LinkedIn Corporation. 2029 Stierlin Ct, Mountain View, CA 94043, USA.',
          ],
          s.axes,
          3,
        ),
      ]),
    };
  },
};

export const HELD_OUT: HeldOut[] = [
  via2011,
  member2015,
  guest2015,
  m2m2016,
  guestReminder2016,
  reminder2013,
];
