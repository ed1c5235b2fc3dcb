/**
 * Reply templates: Mustache, logic-less. Values are inserted once, as text: a stranger's note
 * containing "{{x}}" is not rendered again, and nothing is HTML-escaped in plain text.
 */
import Mustache from 'mustache';
import { TEMPLATE_VARIABLES } from '../config/schema.ts';
import { nearest } from '../text.ts';

export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

type Token = [string, string, number, number, Token[]?];

const ALLOWED = new Set<string>(TEMPLATE_VARIABLES);

/** Problems in one template text, e.g. `unknown variable {{fristName}}`; empty when fine. */
export function templateProblems(text: string): string[] {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(text) as Token[];
  } catch (err) {
    return [`is not a valid template: ${err instanceof Error ? err.message : String(err)}`];
  }
  const problems: string[] = [];
  const visit = (list: Token[]) => {
    for (const [type, name, , , children] of list) {
      if (type === '>') problems.push(`uses partial {{> ${name}}}, which templates do not support`);
      else if (type !== 'text' && type !== '!' && type !== '=' && !ALLOWED.has(name)) {
        const near = nearest(name, [...TEMPLATE_VARIABLES]);
        problems.push(
          near
            ? `uses unknown variable {{${name}}}: did you mean {{${near}}}?`
            : `uses unknown variable {{${name}}} (known: ${TEMPLATE_VARIABLES.join(', ')})`,
        );
      }
      if (children) visit(children);
    }
  };
  visit(tokens);
  return problems;
}

export function renderTemplate(text: string, values: TemplateValues): string {
  return Mustache.render(text, values, {}, { escape: (value: string) => value });
}

/** For HTML bodies: every value is HTML-escaped, so a stranger's markup stays text. */
export function renderHtmlTemplate(html: string, values: TemplateValues): string {
  return Mustache.render(html, values, {}, { escape: escapeHtml });
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
