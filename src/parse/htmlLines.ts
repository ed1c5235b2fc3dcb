/**
 * Turns an HTML body into the visible lines a reader sees, and the links with their labels.
 * htmlparser2's tokenizer and our own stack of open elements keep this linear in the input and
 * free of recursion, so deeply nested or broken markup costs no more than flat markup. Hidden
 * elements (preheaders, `display:none`) are not lines, since the user does not see them, but their
 * text is kept apart; style, script and head content is dropped.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { ParseBudget } from './budget.ts';
import { unwrapGatewayLink } from './links.ts';

export interface Line {
  text: string;
  /** The link target when the whole line is the label of one link (a button, a name). */
  href: string | null;
  /** Every link target on the line (buttons side by side in one cell), where there are several. */
  hrefs?: string[];
}

export interface Link {
  href: string;
  text: string;
  /** The index of the line it stands on: what lies below a forward's header block is the original's. */
  line: number;
}

export interface HtmlContent {
  lines: Line[];
  links: Link[];
  /** The `lang` attribute of the root element, if any. */
  lang: string | null;
  /**
   * Text of elements styled invisible, one entry per outermost one: the preheader that mail
   * clients show next to the subject (LinkedIn's repeats the note), and hidden spacers.
   */
  hidden: string[];
}

/**
 * A preheader is a line or two, and comes first; LinkedIn hides two elements (the preheader and a
 * spacer). More hidden text than this is not read: it is nothing a reader sees.
 */
const MAX_HIDDEN_CHARS = 2000;
const MAX_HIDDEN = 5;

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

export function htmlLines(html: string, budget: ParseBudget = new ParseBudget()): HtmlContent {
  const reader = new VisibleLines(budget);
  let events = 0;
  const tick = () => {
    if (++events % 4096 === 0) budget.check('reading the HTML');
  };
  readTags(html, {
    onopentag(name, attrs) {
      tick();
      reader.openTag(name, attrs);
    },
    ontext(text) {
      tick();
      reader.text(text);
    },
    onclosetag(name) {
      tick();
      reader.closeTag(name);
    },
  });
  return reader.end();
}

/** The lines, links and hidden text gathered as the tags go by, in one pass. */
class VisibleLines {
  private readonly lines: Line[] = [];
  private readonly links: Link[] = [];
  private readonly hidden: string[] = [];
  private lang: string | null = null;
  private readonly open = new OpenElements();
  private skipDepth = 0;
  private hiddenDepth = 0;
  private hiddenText = '';
  private current = '';
  private chars = 0;
  private lineLinks: Link[] = [];
  private openLink: Link | null = null;
  // "text<br><br>text" is a paragraph break inside one block: kept as an empty line, as in text parts.
  private breaksInBlock = 0;

  constructor(private readonly budget: ParseBudget) {}

  openTag(name: string, attrs: Record<string, string>) {
    if (name === 'html' && attrs.lang) this.lang = attrs.lang.toLowerCase();
    if (VOID.has(name)) {
      if (name === 'br' && this.skipDepth === 0 && this.hiddenDepth === 0) this.lineBreak();
      return;
    }
    for (const closed of this.open.implicitlyClosedBy(name)) this.closeElement(closed);
    const hides = SKIPPED.has(name)
      ? 'skip'
      : HIDDEN_STYLE.test(attrs.style ?? '') ||
          HIDDEN_CLASS.test(attrs.class ?? '') ||
          'hidden' in attrs ||
          'data-email-preheader' in attrs
        ? 'hidden'
        : null;
    this.open.push({ name, hides });
    if (hides === 'skip') this.skipDepth++;
    if (hides === 'hidden') this.hiddenDepth++;
    if (this.skipDepth > 0 || this.hiddenDepth > 0) return;
    if (BLOCK.has(name)) this.blockBoundary();
    if (name === 'a' && attrs.href)
      this.openLink = {
        href: unwrapGatewayLink(attrs.href.trim()),
        text: '',
        line: this.lines.length,
      };
  }

  text(text: string) {
    if (this.skipDepth > 0) return;
    if (this.hiddenDepth > 0) {
      if (this.hiddenText.length < MAX_HIDDEN_CHARS) this.hiddenText += text;
      return;
    }
    this.current += text;
    if (this.openLink) this.openLink.text += text;
  }

  closeTag(name: string) {
    if (VOID.has(name)) return;
    for (const closed of this.open.closeUpTo(name)) this.closeElement(closed);
  }

  end(): HtmlContent {
    for (const closed of this.open.closeAll()) this.closeElement(closed);
    this.flush();
    return { lines: this.lines, links: this.links, lang: this.lang, hidden: this.hidden };
  }

  private flush() {
    const text = normalizeSpace(this.current);
    if (text) {
      const lineLinks = this.lineLinks;
      const only = lineLinks.length === 1 && normalizeSpace(lineLinks[0]?.text ?? '') === text;
      const line: Line = { text, href: only ? (lineLinks[0]?.href ?? null) : null };
      if (lineLinks.length > 1) line.hrefs = lineLinks.map((l) => l.href);
      this.lines.push(line);
      this.chars += text.length;
      this.budget.text(this.chars, 'HTML');
    }
    this.current = '';
    this.lineLinks = [];
  }

  private blockBoundary() {
    this.flush();
    this.breaksInBlock = 0;
  }

  private lineBreak() {
    if (
      normalizeSpace(this.current) === '' &&
      this.breaksInBlock > 0 &&
      this.lines.at(-1)?.text !== ''
    )
      this.lines.push({ text: '', href: null });
    this.flush();
    this.breaksInBlock++;
  }

  private closeElement({ name, hides }: OpenElement) {
    if (hides === 'skip') this.skipDepth--;
    if (hides === 'hidden') this.hiddenDepth--;
    if (hides === 'hidden' && this.hiddenDepth === 0 && this.skipDepth === 0) {
      const text = normalizeSpace(this.hiddenText);
      if (text && this.hidden.length < MAX_HIDDEN) this.hidden.push(text);
      this.hiddenText = '';
    }
    if (hides || this.skipDepth > 0 || this.hiddenDepth > 0) return;
    if (name === 'a' && this.openLink) {
      this.openLink.text = normalizeSpace(this.openLink.text);
      this.links.push(this.openLink);
      this.budget.links(this.links.length);
      this.lineLinks.push(this.openLink);
      this.openLink = null;
    }
    if (BLOCK.has(name)) this.blockBoundary();
  }
}

interface OpenElement {
  name: string;
  /** Whether it hides its content: from everyone (head, script) or only from sight (a preheader). */
  hides: 'skip' | 'hidden' | null;
}

/** Opening one of these closes an open element of the listed names, as browsers do. */
const CLOSED_BY_OPENING: Record<string, ReadonlySet<string>> = {
  p: new Set(['p']),
  li: new Set(['li']),
  dt: new Set(['dt', 'dd']),
  dd: new Set(['dt', 'dd']),
  tr: new Set(['tr', 'td', 'th']),
  td: new Set(['td', 'th']),
  th: new Set(['td', 'th']),
  option: new Set(['option']),
};

/**
 * The stack of open elements, with constant-time lookups by name. htmlparser2's own Parser keeps
 * its stack with Array#unshift, which is quadratic in the nesting depth (seconds for 50,000
 * nested tags), so we drive its linear Tokenizer and keep the stack here.
 */
class OpenElements {
  private readonly stack: OpenElement[] = [];
  private readonly counts = new Map<string, number>();

  push(element: OpenElement): void {
    this.stack.push(element);
    this.counts.set(element.name, (this.counts.get(element.name) ?? 0) + 1);
  }

  implicitlyClosedBy(name: string): OpenElement[] {
    const closes = CLOSED_BY_OPENING[name] ?? (BLOCK.has(name) ? CLOSED_BY_BLOCK : null);
    const closed: OpenElement[] = [];
    while (closes) {
      const top = this.stack.at(-1);
      if (!top || !closes.has(top.name)) break;
      closed.push(this.pop());
    }
    return closed;
  }

  /** `</name>`: closes the innermost open `name` and everything inside it; a stray one is ignored. */
  closeUpTo(name: string): OpenElement[] {
    if (!this.counts.get(name)) return [];
    const closed: OpenElement[] = [];
    for (;;) {
      const element = this.pop();
      closed.push(element);
      if (element.name === name) return closed;
    }
  }

  closeAll(): OpenElement[] {
    const closed: OpenElement[] = [];
    while (this.stack.length > 0) closed.push(this.pop());
    return closed;
  }

  private pop(): OpenElement {
    const element = this.stack.pop() as OpenElement;
    this.counts.set(element.name, (this.counts.get(element.name) ?? 1) - 1);
    return element;
  }
}

const CLOSED_BY_BLOCK: ReadonlySet<string> = new Set(['p']);

interface TagHandler {
  onopentag(name: string, attrs: Record<string, string>): void;
  ontext(text: string): void;
  onclosetag(name: string): void;
}

/**
 * HTML → open tags (lower-case names, first of repeated attributes wins), decoded text and close
 * tags, in document order, in time linear in the input.
 */
function readTags(html: string, handler: TagHandler): void {
  let tagName = '';
  let attrs: Record<string, string> = {};
  let attrName = '';
  let attrValue = '';
  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      tagName = html.slice(start, end).toLowerCase();
      attrs = {};
    },
    onattribname(start, end) {
      attrName = html.slice(start, end).toLowerCase();
      attrValue = '';
    },
    onattribdata(start, end) {
      attrValue += html.slice(start, end);
    },
    onattribentity(codepoint) {
      attrValue += String.fromCodePoint(codepoint);
    },
    onattribend() {
      if (!Object.hasOwn(attrs, attrName)) attrs[attrName] = attrValue;
    },
    onopentagend() {
      handler.onopentag(tagName, attrs);
    },
    onselfclosingtag() {
      handler.onopentag(tagName, attrs); // HTML ignores the slash: <div/> opens a div
    },
    onclosetag(start, end) {
      handler.onclosetag(html.slice(start, end).toLowerCase());
    },
    ontext(start, end) {
      handler.ontext(html.slice(start, end));
    },
    ontextentity(codepoint) {
      handler.ontext(String.fromCodePoint(codepoint));
    },
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
}

/** Collapses runs of white space (including no-break and zero-width fillers) into one space. */
export function normalizeSpace(text: string): string {
  return text
    .replace(/\u200b|\u200c|\u200d|\u2060|\ufeff|\u034f|\u00ad/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}
