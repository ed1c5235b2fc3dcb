// The DKIM key that signs the LinkedIn originals attached in test/fixtures/forwarded/: a key made
// for the fixtures (its private half was thrown away once they were signed), published here as
// linkedin.com's selector `wherewemet-fixtures`, so that our own check (verifyLinkedInDkim) runs
// on them with no DNS. Any other name is not found.
import type { DnsResolver } from '../../src/dns/dkim.ts';

const SELECTOR = 'wherewemet-fixtures';
const PUBLIC_KEY = [
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA5+RQJjhwkjY4wG+u+c3XjzoFLzn/Y/dETtKdF2kiQPYTco',
  '1jHr51l/a5+RAqNZmkJP8be1gb1w/h7msppvMEn69omNCNEZTNBt2okGs029xEDiozHySSESj5FuelKN/of3gHbM8a',
  'uyKWu7Lne7lwE/MMtG9+ylMTwBGu/QmhAO/Ahq++KiYHvrlCvqBNeZCoT5E6BDwv7WloSNWFGyxaVG6icN42fj5H6l',
  'uSt39jfOw/Tcs0GNTibdN/Co3FygOdraoZ4UQaChsnfPWD6BWp8WDBgZi7MMeHWy65H7XEwRpjFrw3ToeKGy4LWfxf',
  'zuPsaPFZJL/DQd8wVh3tgfK2lwIDAQAB',
].join('');

export const fixtureDkimResolver: DnsResolver = async (name, rrtype) => {
  if (rrtype === 'TXT' && name === `${SELECTOR}._domainkey.linkedin.com`)
    return [[`v=DKIM1; k=rsa; p=${PUBLIC_KEY}`]];
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};
