// The anonymous session id sent with searches and events, so the server can tell "these searches
// were one person's" without knowing who: random, kept in sessionStorage for the tab's life
// (key kbw-session), never in a cookie. Where storage is blocked it lives in memory instead.
const KEY = 'kbw-session';
const VALID = /^[A-Za-z0-9_-]{16,64}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
let id;

export function sessionId() {
  if (id) return id;
  try {
    const stored = sessionStorage.getItem(KEY);
    if (stored && VALID.test(stored)) return (id = stored);
  } catch { /* storage blocked (sandboxed frame, privacy settings) */ }
  // 22 characters of a 64-letter alphabet: 132 random bits; `& 63` keeps it unbiased.
  id = Array.from(crypto.getRandomValues(new Uint8Array(22)), (byte) => ALPHABET[byte & 63]).join('');
  try {
    sessionStorage.setItem(KEY, id);
  } catch { /* kept in memory for this page */ }
  return id;
}
