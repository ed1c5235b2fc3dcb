/**
 * The review page's stylesheet and script, served from the page's own origin so that the
 * Content-Security-Policy can forbid inline code and every outside host. The page works without
 * the script; it adds the copy button, a warning before unsaved edits are lost, and keeps a
 * second click from posting a form twice.
 */

export const STYLESHEET = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2328; background: #f6f7f9; }
a { color: #0550ae; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .4rem .8rem; z-index: 10; }
.top { background: #fff; border-bottom: 1px solid #d8dee4; }
.top-inner, main { max-width: 74rem; margin: 0 auto; padding: 0 1rem; }
.top-inner { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; padding-block: .6rem; }
.brand { font-weight: 700; text-decoration: none; color: inherit; }
.top form { margin: 0; }
.top nav a { margin-right: .75rem; }
.top button { min-height: 2.2rem; padding: .25rem .75rem; }
@media (max-width: 760px) {
  .top nav { order: 3; flex-basis: 100%; }
  .tabs a { padding: .2rem .6rem; font-size: .92rem; }
}
h1 { font-size: 1.5rem; line-height: 1.25; margin: 1.25rem 0 .75rem; overflow-wrap: anywhere; }
.tabs ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .35rem; }
.tabs a { display: inline-block; padding: .3rem .75rem; border-radius: 999px; text-decoration: none; border: 1px solid #d0d7de; background: #fff; color: inherit; }
.tabs a[aria-current=page] { background: #1f2328; color: #fff; border-color: #1f2328; }
.count { font-variant-numeric: tabular-nums; opacity: .8; }
form.search { display: flex; gap: .5rem; margin: .9rem 0; max-width: 40rem; }
form.search input { flex: 1; min-width: 0; }
input, textarea, select, button { font: inherit; color: inherit; }
input[type=text], input[type=search], input[type=password], textarea, select { width: 100%; padding: .45rem .6rem; border: 1px solid #8c959f; border-radius: 6px; background: #fff; }
textarea { min-height: 14rem; resize: vertical; line-height: 1.45; }
label { display: block; font-weight: 600; margin: .6rem 0 .2rem; }
.card { background: #fff; border: 1px solid #d0d7de; border-radius: 10px; padding: 1rem; margin: 1rem 0; display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr); gap: 1.5rem; }
.card.simple { grid-template-columns: minmax(0, 1fr); gap: .5rem; }
@media (max-width: 760px) { .card { grid-template-columns: minmax(0, 1fr); gap: 1rem; padding: .85rem; } }
.card h2 { font-size: 1.2rem; margin: 0; overflow-wrap: anywhere; }
.headline { color: #57606a; margin: .15rem 0 .4rem; overflow-wrap: anywhere; }
.badges { display: flex; flex-wrap: wrap; gap: .35rem; margin: .4rem 0; padding: 0; list-style: none; }
.badge { font-size: .85rem; padding: .05rem .55rem; border-radius: 999px; background: #eaeef2; }
.badge.bad { background: #ffebe9; color: #82071e; }
.badge.good { background: #dafbe1; color: #116329; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; border-left: 3px solid #8c959f; padding: .5rem .75rem; margin: .4rem 0; }
.reasons { margin: .3rem 0; padding-left: 1.2rem; color: #424a53; }
.meta { color: #57606a; font-size: .95rem; margin: .4rem 0 0; }
.to { overflow-wrap: anywhere; margin: 0 0 .3rem; }
.state { margin: .2rem 0; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .75rem; align-items: flex-start; }
.actions form { margin: 0; }
button, .button { display: inline-flex; align-items: center; justify-content: center; padding: .45rem .9rem; min-height: 2.6rem; border-radius: 6px; border: 1px solid #8c959f; background: #f6f8fa; color: #1f2328; cursor: pointer; text-decoration: none; font-weight: 600; text-align: center; }
button.primary { background: #1a7f37; border-color: #116329; color: #fff; }
button.danger, .discard > summary { color: #a40e26; border-color: #cf222e; background: #fff; }
button.danger.confirm { background: #cf222e; border-color: #a40e26; color: #fff; }
button:disabled { opacity: .6; cursor: not-allowed; }
:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
details > summary { list-style: none; display: inline-flex; align-items: center; padding: .45rem .9rem; min-height: 2.6rem; border: 1px solid #8c959f; border-radius: 6px; font-weight: 600; cursor: pointer; background: #f6f8fa; }
details > summary::-webkit-details-marker { display: none; }
details[open] { flex-basis: 100%; }
.ask .confirm-box { border-color: #8c959f; background: #f6f8fa; }
.confirm-box { border: 1px solid #cf222e; border-radius: 6px; padding: .6rem .75rem; background: #fff5f5; margin-top: .5rem; }
.confirm-box p { margin: 0 0 .5rem; }
.why { font-size: .92rem; color: #57606a; margin: .4rem 0 0; flex-basis: 100%; }
.warning { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: .6rem .75rem; margin: 0; }
.notice, .error { padding: .6rem 1rem; border-radius: 6px; margin: .75rem 0; overflow-wrap: anywhere; }
.notice { background: #dafbe1; }
.notice p { margin: 0 0 .4rem; }
.notice form { margin: 0; }
.hint, .found-in { font-size: .92rem; color: #57606a; }
.found-in { margin: 0 0 .3rem; }
.device-code code { font-size: 2rem; letter-spacing: .15em; }
.error { background: #ffebe9; }
.inline { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.inline label { margin: 0; }
.inline select { width: auto; max-width: 100%; }
.pager { display: flex; justify-content: space-between; align-items: center; gap: 1rem; margin: 1rem 0 2rem; flex-wrap: wrap; }
.timeline { list-style: none; padding: 0; margin: 1rem 0 2rem .5rem; border-left: 2px solid #d0d7de; }
.timeline li { position: relative; padding: 0 0 1rem 1.25rem; overflow-wrap: anywhere; }
.timeline li::before { content: ''; position: absolute; left: -7px; top: .45rem; width: 12px; height: 12px; border-radius: 50%; background: #8c959f; }
.timeline time { display: block; font-size: .9rem; color: #57606a; }
.timeline p { margin: 0; }
.signin { max-width: 28rem; }
.signin button { margin-top: .75rem; }
.answers > h2 { font-size: 1.25rem; margin: 1.25rem 0 .25rem; }
.card.answer { grid-template-columns: minmax(0, 1fr); gap: .4rem; border-color: #8c959f; }
.card.answer h3 { font-size: 1.15rem; margin: 0; overflow-wrap: anywhere; }
.exchange { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr); gap: 1rem; }
@media (max-width: 760px) { .exchange { grid-template-columns: minmax(0, 1fr); gap: .5rem; } }
.exchange .label { font-weight: 600; margin: 0 0 .2rem; }
.exchange p { margin: 0 0 .3rem; overflow-wrap: anywhere; }
.vh { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
`;

export const SCRIPT = `
'use strict';
(() => {
  // Unsaved edits: a warning before the page is left, unless it is left by posting that form.
  const dirty = new Set();
  document.addEventListener('input', (e) => {
    const form = e.target.form;
    if (form && form.hasAttribute('data-draft')) dirty.add(form);
  });
  document.addEventListener('submit', (e) => {
    const form = e.target;
    dirty.delete(form);
    // One click, one post: a second click while the first is on its way does nothing.
    if (form.dataset.posted) { e.preventDefault(); return; }
    form.dataset.posted = '1';
  });
  window.addEventListener('pageshow', () => {
    for (const form of document.forms) delete form.dataset.posted;
  });
  window.addEventListener('beforeunload', (e) => {
    if (dirty.size === 0) return;
    e.preventDefault();
    e.returnValue = '';
  });
  // A reply box as tall as its text: on a phone a fixed height hid the last lines (the
  // signature) inside the box, where nothing showed they were there.
  const fit = (box) => {
    box.style.height = 'auto';
    box.style.height = box.scrollHeight + (box.offsetHeight - box.clientHeight) + 'px';
  };
  for (const box of document.querySelectorAll('textarea')) fit(box);
  document.addEventListener('input', (e) => {
    if (e.target.tagName === 'TEXTAREA') fit(e.target);
  });
  window.addEventListener('resize', () => {
    for (const box of document.querySelectorAll('textarea')) fit(box);
  });
  // Copy reply: the text as it stands in the box, for pasting on LinkedIn.
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const box = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.status);
    if (!box) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(box.value);
      } catch {
        box.select();
        document.execCommand('copy');
      }
      if (status) status.textContent = 'Copied. Paste it on LinkedIn.';
    });
  }
})();
`;
