import { describe, expect, it } from 'vitest';
import { myNameWarning } from '../../src/cli/checkConfig.ts';
import { configSchema } from '../../src/config/schema.ts';

const config = (me: Record<string, unknown>, body = 'Best regards,\n{{myName}}') =>
  configSchema.parse({
    me,
    templates: {
      'where-we-met': { subject: 'Hi', body },
      'not-now': {
        subject: 'Hi',
        body: 'No.',
        languages: { de: { subject: 'Hallo', body: '{{ myName }}' } },
      },
    },
  });

describe('check-config on the signature', () => {
  it('warns when templates sign with {{myName}} and me.name is unset', () => {
    expect(myNameWarning(config({}))).toBe(
      'me.name is not set, but the templates where-we-met, not-now use {{myName}}: every draft would end without your name. Set me.name.',
    );
    expect(myNameWarning(config({ name: '  ' }))).toMatch(/^me\.name is not set/);
  });

  it('says nothing when the name is set or no template uses it', () => {
    expect(myNameWarning(config({ name: 'Paul Tester' }))).toBeNull();
    const unsigned = configSchema.parse({
      templates: {
        'where-we-met': { subject: 'Hi', body: 'Best regards' },
        'not-now': { subject: 'Hi', body: 'No.' },
      },
    });
    expect(myNameWarning(unsigned)).toBeNull();
  });
});
