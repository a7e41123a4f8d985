// Recording daily notes with poor signal. Without JavaScript the forms post as normal.
// With it: a note sent while offline (or when sending fails) is kept on this phone (localStorage)
// and sent when the connection returns (the `online` event, and every time a page loads). Each note
// carries its idempotency key, so a note sent twice is saved once.

const OUTBOX = "lived-notes-outbox";

function readOutbox() {
  try {
    return JSON.parse(window.localStorage.getItem(OUTBOX) || "[]");
  } catch {
    return [];
  }
}

function writeOutbox(items) {
  window.localStorage.setItem(OUTBOX, JSON.stringify(items));
}

function newKey() {
  if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
  const bytes = window.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function status(text) {
  const box = document.getElementById("offline-status");
  if (!box) return;
  box.textContent = text;
  box.hidden = !text;
}

function showWaiting(prefix = "") {
  const waiting = readOutbox().length;
  if (!waiting) {
    status(prefix);
    return;
  }
  const count = waiting === 1 ? "1 note is waiting to be sent." : `${waiting} notes are waiting to be sent.`;
  status(`${prefix ? prefix + " " : ""}Saved on this phone — it will be sent when you are back online. ${count}`);
}

function localIso() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
}

function currentToken() {
  const input = document.querySelector("input[name='csrfmiddlewaretoken']");
  return input ? input.value : "";
}

async function send(item) {
  // Use this page's CSRF token: the one kept with the note may be from before signing in again.
  const token = currentToken();
  const fields = item.fields.map(([k, v]) => [k, k === "csrfmiddlewaretoken" && token ? token : v]);
  return window.fetch(item.url, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "X-Lived-Offline": "1" },
    credentials: "same-origin",
  });
}

let flushing = false;

async function flush() {
  if (flushing || !navigator.onLine) return;
  flushing = true;
  let sent = 0;
  const problems = [];
  try {
    let items = readOutbox();
    while (items.length) {
      const item = items[0];
      let response;
      try {
        response = await send(item);
      } catch {
        break; // still offline: keep the rest for later
      }
      if (response.status >= 500) break; // the server is struggling: try again later
      let body = null;
      try {
        body = await response.json();
      } catch {
        body = null; // not our answer: signed out (the sign-in page) or not allowed
      }
      const text = item.fields.filter(([k]) => k === "text").map(([, v]) => v).join("");
      const said = text ? ` What it said: “${text}”` : "";
      if (!body && (response.status === 403 || response.status === 404)) {
        // This person's notes cannot be written by you any more (moved service, or no permission).
        problems.push(`A note from ${item.savedAt} could not be saved: you cannot write notes about this person.${said}`);
      } else if (!body) {
        problems.push("Sign in again to send the notes saved on this phone. They are kept until then.");
        break;
      }
      if (body && body.saved) {
        sent += 1;
      } else if (body) {
        problems.push(`A note from ${item.savedAt} could not be saved: ${(body.errors || []).join(" ")}${said}`);
      }
      items = readOutbox().filter((other) => other.key !== item.key);
      writeOutbox(items);
    }
  } finally {
    flushing = false;
  }
  const done = sent ? `${sent === 1 ? "1 note" : `${sent} notes`} saved on this phone ${sent === 1 ? "has" : "have"} now been sent.` : "";
  const text = [done, ...problems].filter(Boolean).join(" ");
  if (readOutbox().length) showWaiting(text);
  else status(text);
}

function keep(form, fields) {
  const key = fields.find(([name]) => name === "idempotency_key");
  const items = readOutbox();
  items.push({
    url: form.action || window.location.href,
    key: key ? key[1] : newKey(),
    fields,
    savedAt: new Date().toLocaleTimeString(),
  });
  writeOutbox(items);
  // The next note from this form is a new note: give it a new key.
  const keyInput = form.querySelector("input[name='idempotency_key']");
  if (form.querySelectorAll("textarea").length) form.reset();
  if (keyInput) keyInput.value = newKey();
  showWaiting();
}

function onSubmit(event) {
  const form = event.currentTarget;
  event.preventDefault();
  const stamp = form.querySelector("input[name='occurred_at']");
  if (stamp && !stamp.value) stamp.value = localIso();
  const fields = Array.from(new FormData(form).entries()).map(([k, v]) => [k, String(v)]);
  if (stamp) stamp.value = "";
  if (!navigator.onLine) {
    keep(form, fields);
    return;
  }
  send({ url: form.action || window.location.href, fields })
    .then(async (response) => {
      if (response.ok) {
        window.location.href = window.location.pathname; // a fresh page, with the "Note saved" banner
      } else if (response.status === 400) {
        // Let the server show what is wrong, as it does without JavaScript.
        HTMLFormElement.prototype.submit.call(form);
      } else {
        keep(form, fields);
      }
    })
    .catch(() => keep(form, fields));
}

for (const form of document.querySelectorAll("form[data-lived-offline]")) {
  form.addEventListener("submit", onSubmit);
}
window.addEventListener("online", flush);
showWaiting();
flush();
