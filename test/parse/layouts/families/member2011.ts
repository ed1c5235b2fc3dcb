// "X via LinkedIn" from member@linkedin.com, 2011-2012.
import { a, escapeHtml, htmlBody, textBody } from '../render.ts';
import { type Family, note, placed } from './shared.ts';

/** "X via LinkedIn" from member@linkedin.com, 2011-2012: invitations/2011-member-*, 2012-member-replyto-en. */
export const member2011: Family = {
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
