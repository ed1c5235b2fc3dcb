/**
 * Turns an HTML body into the visible lines a reader sees, and the links with their labels.
 * A streaming parser (htmlparser2) keeps this linear in the input and free of recursion, so
 * deeply nested or broken markup costs no more than flat markup. Hidden elements (preheaders,
 * `display:none`) and style/script/head content are dropped: they are not what the user sees.
 */
import { Parser } from 'htmlparser2';

export interface Line {
  text: string;
  /** The link target when the whole line is the label of one link (a button, a name). */
  href: string | null;
}

export interface Link {
  href: string;
  text: string;
}

export interface HtmlContent {
  lines: Line[];
  links: Link[];
  /** The `lang` attribute of the root element, if any. */
  lang: string | null;
}

const BLOCK = new Set([
  'address',
  'article',
  'blockquote',
  'br',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'th',
  'tr',
  'ul',
]);
const SKIPPED = new Set(['head', 'script', 'style', 'title', 'noscript', 'template']);
const HIDDEN_STYLE =
  /display\s*:\s*none|visibility\s*:\s*hidden|max-height\s*:\s*0(?![.\d])|mso-hide\s*:\s*all/i;
/** Utility classes that hide an element (LinkedIn's current layout hides its preheader this way). */
const HIDDEN_CLASS = /(?:^|\s)(?:hidden|invisible|sr-only|preheader)(?:\s|$)/i;
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

export function htmlLines(html: string): HtmlContent {
  const lines: Line[] = [];
  const links: Link[] = [];
  let lang: string | null = null;
  // One entry per open element: whether it hides its content.
  const hiddenStack: boolean[] = [];
  let hiddenDepth = 0;
  let current = '';
  let lineLinks: Link[] = [];
  let openLink: Link | null = null;

  const flush = () => {
    const text = normalizeSpace(current);
    if (text) {
      const only = lineLinks.length === 1 && normalizeSpace(lineLinks[0]?.text ?? '') === text;
      lines.push({ text, href: only ? (lineLinks[0]?.href ?? null) : null });
    }
    current = '';
    lineLinks = [];
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'html' && attrs.lang) lang = attrs.lang.toLowerCase();
        if (VOID.has(name)) {
          if (name === 'br' && hiddenDepth === 0) flush();
          return;
        }
        const hides =
          SKIPPED.has(name) ||
          HIDDEN_STYLE.test(attrs.style ?? '') ||
          HIDDEN_CLASS.test(attrs.class ?? '') ||
          'hidden' in attrs ||
          'data-email-preheader' in attrs;
        hiddenStack.push(hides);
        if (hides) hiddenDepth++;
        if (hiddenDepth > 0) return;
        if (BLOCK.has(name)) flush();
        if (name === 'a' && attrs.href) openLink = { href: attrs.href.trim(), text: '' };
      },
      ontext(text) {
        if (hiddenDepth > 0) return;
        current += text;
        if (openLink) openLink.text += text;
      },
      onclosetag(name) {
        if (VOID.has(name)) return;
        const hid = hiddenStack.pop();
        if (hid) {
          hiddenDepth--;
          return;
        }
        if (hiddenDepth > 0) return;
        if (name === 'a' && openLink) {
          openLink.text = normalizeSpace(openLink.text);
          links.push(openLink);
          lineLinks.push(openLink);
          openLink = null;
        }
        if (BLOCK.has(name)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return { lines, links, lang };
}

/** Collapses runs of white space (including no-break and zero-width fillers) into one space. */
export function normalizeSpace(text: string): string {
  return text
    .replace(/\u200b|\u200c|\u200d|\u2060|\ufeff|\u034f|\u00ad/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}
