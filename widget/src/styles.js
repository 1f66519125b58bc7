// The widget's CSS, scoped by its shadow root. The build minifies it (build.mjs); keep it free of
// ${...} so that stays possible.
//
// :host resets every inherited and host-set property with inner-context !important, which beats
// even `* { all: unset !important }` in the page. Sizes are in px, not rem: a page's
// `html { font-size }` must not scale the widget. Theming goes through four custom properties
// (which `all` does not reset): --kbw-accent, --kbw-text, --kbw-bg, --kbw-radius, plus
// --kbw-accent-text for text on the accent colour.
export default /* css */ `
:host {
  all: initial !important;
  display: block !important;
}
.kbw-root {
  --a: var(--kbw-accent, #2563eb);
  --at: var(--kbw-accent-text, #fff);
  --t: var(--kbw-text, #1f2937);
  --b: var(--kbw-bg, #fff);
  --r: var(--kbw-radius, 12px);
  --m: #5f6672;
  --l: #e3e6ea;
  --h: #eef3fe;
  --k: #f3f4f6;
  --mk: #fdf0a6;
  color: var(--t);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  text-align: left;
  -webkit-text-size-adjust: 100%;
}
@supports (color: color-mix(in srgb, red, red)) {
  .kbw-root {
    --m: color-mix(in srgb, var(--t) 72%, var(--b));
    --l: color-mix(in srgb, var(--t) 14%, var(--b));
    --h: color-mix(in srgb, var(--a) 9%, var(--b));
    --k: color-mix(in srgb, var(--t) 5%, var(--b));
    --mk: color-mix(in srgb, #facc15 38%, var(--b));
  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.kbw-sr {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
button, input, textarea { font: inherit; color: inherit; margin: 0; }
button { cursor: pointer; }
:focus-visible { outline: 2px solid var(--a); outline-offset: 2px; }
:focus:not(:focus-visible) { outline: none; }
svg { flex: none; display: block; }

.kbw-launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  display: flex; align-items: center; gap: 8px; height: 48px; padding: 0 20px 0 14px;
  border: 0; border-radius: 24px; background: var(--a); color: var(--at);
  font-size: 15px; font-weight: 600; line-height: 1;
  box-shadow: 0 4px 14px rgba(0, 0, 0, .18), 0 1px 3px rgba(0, 0, 0, .12);
  transition: transform .12s ease;
}
.kbw-launcher:hover { transform: translateY(-1px); }
.kbw-launcher:focus-visible { outline: 3px solid var(--a); outline-offset: 3px; }
.kbw-launcher[aria-expanded=true] svg:first-child,
.kbw-launcher[aria-expanded=false] svg:nth-child(2) { display: none; }

.kbw-panel {
  position: fixed; right: 20px; bottom: 80px; z-index: 2147483000;
  display: flex; flex-direction: column;
  width: 400px; max-width: calc(100vw - 40px); height: min(620px, calc(100vh - 100px));
  background: var(--b); color: var(--t); border-radius: var(--r); overflow: hidden;
  box-shadow: 0 16px 48px rgba(0, 0, 0, .22), 0 0 0 1px rgba(0, 0, 0, .07);
  animation: kbw-in .16s ease-out;
}
@keyframes kbw-in { from { opacity: 0; transform: translateY(8px); } }
@media (max-width: 480px), (max-height: 480px) {
  .kbw-panel { inset: 0; width: auto; max-width: none; height: auto; border-radius: 0; }
}
.kbw-head { display: flex; align-items: center; justify-content: space-between; padding: 12px 10px 0 18px; }
.kbw-head h2 { margin: 0; font-size: 16px; font-weight: 650; line-height: 1.3; }
.kbw-icon-btn {
  display: grid; place-items: center; width: 34px; height: 34px; padding: 0;
  border: 0; border-radius: 8px; background: none; color: var(--m);
}
.kbw-icon-btn:hover { background: var(--k); color: var(--t); }

.kbw-search { position: relative; margin: 12px 16px 8px; }
.kbw-inline .kbw-search { margin: 0; }
.kbw-search > svg { position: absolute; left: 12px; top: 12px; color: var(--m); pointer-events: none; }
.kbw-input {
  display: block; width: 100%; height: 44px; padding: 0 42px 0 40px;
  border: 1px solid var(--l); border-radius: calc(var(--r) * .7); background: var(--b);
  font-size: 16px; appearance: none; -webkit-appearance: none;
}
.kbw-input::placeholder { color: var(--m); opacity: 1; }
.kbw-input:focus-visible { outline: 2px solid var(--a); outline-offset: -1px; border-color: var(--a); }
.kbw-input::-webkit-search-decoration,
.kbw-input::-webkit-search-cancel-button { -webkit-appearance: none; appearance: none; display: none; }
.kbw-clear {
  position: absolute; right: 6px; top: 6px; display: grid; place-items: center; width: 32px; height: 32px;
  padding: 0; border: 0; border-radius: 8px; background: none; color: var(--m);
}
.kbw-clear svg { width: 18px; height: 18px; }
.kbw-clear:hover { background: var(--k); color: var(--t); }
.kbw-busy::after {
  content: ""; position: absolute; left: 10px; right: 10px; bottom: 1px; height: 2px; opacity: 0;
  background: linear-gradient(90deg, transparent, var(--a), transparent) no-repeat;
  background-size: 40% 100%;
  animation: kbw-bar 1s .3s linear infinite;
}
@keyframes kbw-bar { from { opacity: 1; background-position: -100% 0; } to { opacity: 1; background-position: 200% 0; } }

.kbw-body { flex: 1; overflow-y: auto; overscroll-behavior: contain; padding: 0 8px 16px; }
.kbw-inline .kbw-body {
  margin-top: 8px; padding: 8px; background: var(--b);
  border: 1px solid var(--l); border-radius: var(--r);
}
.kbw-meta { margin: 4px 10px 6px; color: var(--m); font-size: 13px; }
.kbw-corrected strong { color: var(--t); font-weight: 600; }
.kbw-list { list-style: none; margin: 0; padding: 0; }
.kbw-option { display: block; padding: 9px 10px; border-radius: calc(var(--r) * .7); cursor: pointer; }
.kbw-option + .kbw-option { margin-top: 2px; }
.kbw-option:hover { background: var(--k); }
.kbw-option[aria-selected=true] { background: var(--h); box-shadow: inset 0 0 0 2px var(--a); }
.kbw-title { display: block; font-weight: 600; font-size: 14.5px; line-height: 1.35; }
.kbw-section { font-weight: 400; color: var(--m); }
.kbw-snippet {
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden;
  margin-top: 2px; color: var(--m); font-size: 13px;
}
mark { background: var(--mk); color: var(--t); border-radius: 2px; padding: 0 1px; }
.kbw-empty { padding: 6px 10px; }
.kbw-empty p { margin: 0 0 6px; }
.kbw-empty-title { font-weight: 600; }
.kbw-muted { color: var(--m); }

.kbw-article { padding: 0 10px; }
.kbw-back {
  display: inline-flex; align-items: center; gap: 6px; margin: 0 0 0 -8px; padding: 6px 8px;
  border: 0; border-radius: 8px; background: none; color: var(--a); font-size: 13px; font-weight: 600;
}
.kbw-back svg { width: 16px; height: 16px; }
.kbw-back:hover { background: var(--h); }
.kbw-article-title { margin: 6px 0 10px; font-size: 20px; font-weight: 700; line-height: 1.3; }
.kbw-content { overflow-wrap: break-word; }
.kbw-content h2, .kbw-content h3, .kbw-content h4 { margin: 20px 0 6px; line-height: 1.35; scroll-margin-top: 8px; }
.kbw-content h2 { font-size: 16.5px; }
.kbw-content h3 { font-size: 15px; }
.kbw-content h4 { font-size: 14px; }
.kbw-content p, .kbw-content ul, .kbw-content ol, .kbw-content pre, .kbw-content table, .kbw-content blockquote { margin: 0 0 12px; }
.kbw-content ul, .kbw-content ol { padding-left: 22px; }
.kbw-content li { margin: 3px 0; }
.kbw-content a { color: var(--a); text-decoration: underline; text-underline-offset: 2px; }
.kbw-content code { font: 12.5px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--k); border-radius: 4px; padding: 1px 4px; }
.kbw-content pre { overflow-x: auto; padding: 10px 12px; background: var(--k); border-radius: 8px; }
.kbw-content pre code { padding: 0; background: none; }
.kbw-content table { display: block; overflow-x: auto; border-collapse: collapse; font-size: 13px; }
.kbw-content th, .kbw-content td { padding: 6px 8px; border: 1px solid var(--l); text-align: left; vertical-align: top; }
.kbw-content th { background: var(--k); }
.kbw-content img { max-width: 100%; height: auto; }
.kbw-content blockquote { padding-left: 12px; border-left: 3px solid var(--l); color: var(--m); }
.kbw-content hr { border: 0; border-top: 1px solid var(--l); }
.kbw-target { animation: kbw-flash 1.8s ease-out; border-radius: 2px; }
@keyframes kbw-flash { from { background: var(--mk); box-shadow: 0 0 0 4px var(--mk); } }

.kbw-feedback { margin-top: 20px; padding-top: 14px; border-top: 1px solid var(--l); }
.kbw-question { display: block; margin: 0 0 8px; font-weight: 600; }
.kbw-row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.kbw-btn {
  display: inline-flex; align-items: center; justify-content: center; min-width: 64px; height: 34px; padding: 0 14px;
  border: 1px solid var(--l); border-radius: 999px; background: var(--b); color: var(--t);
  font-size: 13.5px; font-weight: 600; text-decoration: none; white-space: nowrap;
}
.kbw-btn:hover { border-color: var(--a); color: var(--a); }
.kbw-primary, .kbw-primary:hover { border-color: var(--a); background: var(--a); color: var(--at); }
.kbw-primary:hover { filter: brightness(1.08); }
.kbw-textarea {
  display: block; width: 100%; min-height: 72px; margin: 0 0 8px; padding: 8px 10px;
  border: 1px solid var(--l); border-radius: 8px; background: var(--b); font-size: 14px; resize: vertical;
}
.kbw-textarea:focus-visible { outline-offset: -1px; border-color: var(--a); }
.kbw-thanks { margin: 0; font-weight: 600; }
.kbw-thanks:focus { outline: none; }
.kbw-contact { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 14px 0 0; color: var(--m); }
.kbw-article-title:focus { outline: none; }
@media (prefers-reduced-motion: reduce) {
  .kbw-panel, .kbw-target, .kbw-busy::after { animation: none; }
  .kbw-launcher { transition: none; }
}
`;
