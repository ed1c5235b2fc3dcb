import { describe, expect, it } from 'vitest';
import { chooseToRead, type HeaderSummary } from '../../src/decide/choose.ts';

const message = (over: Partial<HeaderSummary>): HeaderSummary => ({
  uid: 1,
  size: 20_000,
  arrivedAt: null,
  fromAddress: 'invitations@linkedin.com',
  subject: 'Nora, please add me to your LinkedIn network',
  template: 'email_m2m_invite_single_01',
  ...over,
});

describe('choosing what to download, from headers only', () => {
  it('reads invitations and reminders, whatever their template or language', () => {
    for (const template of ['invite_member_28', 'inv_rmd', 'second_guest_reminder_01', null])
      expect(chooseToRead(message({ template }), 1e6)).toBe('read');
    expect(
      chooseToRead(message({ subject: 'Quero me conectar', template: 'email_new_thing_07' }), 1e6),
    ).toBe('read');
  });

  it("skips LinkedIn's other mail when its template or sender says so", () => {
    expect(
      chooseToRead(
        message({ subject: '30 new jobs for you', template: 'email_job_alert_digest_01' }),
        1e6,
      ),
    ).toBe('skip');
    expect(
      chooseToRead(
        message({
          fromAddress: 'messages-noreply@linkedin.com',
          subject: 'Max just messaged you',
          template: null,
        }),
        1e6,
      ),
    ).toBe('skip');
  });

  it("reads LinkedIn's message notifications while an answer to our question is awaited", () => {
    const notice = message({
      fromAddress: 'messages-noreply@linkedin.com',
      subject: 'Max just messaged you',
      template: 'email_member_message_v2',
    });
    expect(chooseToRead(notice, 1e6, false)).toBe('skip');
    expect(chooseToRead(notice, 1e6, true)).toBe('read');
    expect(chooseToRead({ ...notice, template: null }, 1e6, true)).toBe('read');
    // Job alerts stay skipped: they answer nothing.
    const alert = message({
      subject: '30 new jobs for you',
      template: 'email_job_alert_digest_01',
    });
    expect(chooseToRead(alert, 1e6, true)).toBe('skip');
  });

  it('reads mail it cannot place, and every imitation', () => {
    expect(
      chooseToRead(
        message({ fromAddress: 'hello@linkedin.com', subject: 'News', template: null }),
        1e6,
      ),
    ).toBe('read');
    expect(
      chooseToRead(
        message({
          fromAddress: 'jobalerts-noreply@linkedln.com',
          template: 'email_job_alert_digest_01',
          subject: 'Jobs',
        }),
        1e6,
      ),
    ).toBe('read');
  });

  it('does not skip a job-alert template whose subject invites', () => {
    expect(
      chooseToRead(message({ subject: 'Ana wants to connect', template: 'email_pymk_02' }), 1e6),
    ).toBe('read');
  });

  it('marks an invitation over the size limit instead of downloading it', () => {
    expect(chooseToRead(message({ size: 6_000_000 }), 5_000_000)).toBe('too-large');
    expect(
      chooseToRead(
        message({ size: 6_000_000, subject: 'Jobs', template: 'email_job_alert_digest_01' }),
        5_000_000,
      ),
    ).toBe('skip');
  });
});
