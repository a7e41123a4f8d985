// The phone's outbox (ADR 0008). Without JavaScript the forms post as normal. With it, every form
// marked `data-lived-offline` (a daily note, a handover note, an incident, a check-in) is kept on this
// phone (localStorage) *before* it is sent, and stays there until the server answers with its own
// success reply: JSON {"saved": true, "id": …}. Anything else keeps it, visibly, with what to do:
// no signal or a server error (sent later), signed out (sent after signing in again), a refusal
// (kept, flagged, until its author or a senior or manager discards it, which the server audits).
// Each record carries its form's idempotency key, so a record sent twice is saved once.

const OUTBOX = "lived-outbox";
const OLD_OUTBOX = "lived-notes-outbox"; // kept by the script before this one (notes only)

const NOUNS = { note: "note", handover: "handover note", incident: "incident", check_in: "check-in" };

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

// Notes a phone kept before this script: adopt them (they name no author: whoever signs in sends).
function adoptOldOutbox() {
  let old;
  try {
    old = JSON.parse(window.localStorage.getItem(OLD_OUTBOX) || "[]");
  } catch {
    old = [];
  }
  if (!old.length) return;
  const items = readOutbox();
  for (const item of old) {
    if (items.some((other) => other.key === item.key)) continue;
    items.push({ ...item, kind: "note", what: "Note", keptAt: null, keptBy: null, state: "waiting" });
  }
  writeOutbox(items);
  window.localStorage.removeItem(OLD_OUTBOX);
}

function newKey() {
  if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
  const bytes = window.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const panel = document.getElementById("lived-outbox");
const me = panel ? panel.dataset.user : "";

function mine(item) {
  return !item.keptBy || item.keptBy === me;
}

function noun(item) {
  return NOUNS[item.kind] || "record";
}

function localIso() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
}

function clock(iso) {
  if (!iso) return "";
  const at = new Date(iso);
  return `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
}

// --- What the phone says -------------------------------------------------------------------------

function announce(text) {
  const box = document.getElementById("offline-status");
  if (!box) return;
  box.textContent = text;
  box.hidden = !text;
}

function waitingSentence(items) {
  const kinds = new Set(items.map(noun));
  const what = kinds.size === 1 ? [...kinds][0] : "record";
  const plural = what.endsWith("s") ? what : `${what}s`;
  return items.length === 1
    ? `1 ${what} is waiting to be sent.`
    : `${items.length} ${plural} are waiting to be sent.`;
}

function stateSentence(item) {
  const kept = item.keptAt ? ` Saved on this phone at ${clock(item.keptAt)}.` : " Saved on this phone.";
  if (!mine(item)) {
    return `Kept on this phone by someone else: it will be sent when they sign in on this phone.${kept}`;
  }
  switch (item.state) {
    case "sign-in":
      return `Not sent yet: sign in again and it will be sent.${kept}`;
    case "refused":
      return `This ${noun(item)} could not be saved: ${item.problem}${kept}`;
    case "not-allowed":
      return (
        `This ${noun(item)} could not be saved: you may not be allowed to write this about the person ` +
        `any more. It is tried again each time a page opens. A senior or manager can discard it.${kept}`
      );
    default:
      return `Not sent yet: it will be sent when the signal is back.${kept}`;
  }
}

function discardForm(item, index) {
  const template = document.getElementById("lived-outbox-discard");
  if (!template || !item.discardUrl) return null;
  const form = template.content.firstElementChild.cloneNode(true);
  for (const element of form.querySelectorAll("[id]")) element.id = `${element.id}-${index}`;
  for (const label of form.querySelectorAll("label[for]")) label.htmlFor = `${label.htmlFor}-${index}`;
  const button = form.querySelector("button");
  if (button) button.textContent = `Discard this ${noun(item)}`;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    discard(item, form);
  });
  return form;
}

function render() {
  if (!panel) return;
  const items = readOutbox();
  const list = document.getElementById("lived-outbox-list");
  list.replaceChildren();
  items.forEach((item, index) => {
    const entry = document.createElement("li");
    entry.className = "lived-outbox-item";
    entry.dataset.key = item.key;
    entry.dataset.state = mine(item) ? item.state : "someone-else";
    const line = document.createElement("p");
    const what = document.createElement("strong");
    what.textContent = item.what || `A ${noun(item)}`;
    line.append(what, ` ${stateSentence(item)}`);
    entry.append(line);
    if (item.state === "refused" || item.state === "not-allowed" || !mine(item)) {
      const form = discardForm(item, index);
      if (form) entry.append(form);
    }
    list.append(entry);
  });
  panel.hidden = !items.length;
  const signIn = document.getElementById("lived-outbox-sign-in");
  if (signIn) signIn.hidden = !items.some((item) => mine(item) && item.state === "sign-in");
}

function showWaiting(prefix = "") {
  render();
  const waiting = readOutbox().filter((item) => mine(item) && !["refused", "not-allowed"].includes(item.state));
  const parts = [prefix];
  if (waiting.length) {
    if (waiting.some((item) => item.state === "sign-in")) {
      parts.push("Sign in again to send the notes saved on this phone. They are kept until then.");
    } else {
      parts.push("Saved on this phone — it will be sent when you are back online.");
    }
    parts.push(waitingSentence(waiting));
  }
  announce(parts.filter(Boolean).join(" "));
}

// --- Sending -------------------------------------------------------------------------------------

function pageToken() {
  const input = document.querySelector("input[name='csrfmiddlewaretoken']");
  return input ? input.value : "";
}

// The page a record was written on has the form, and so a CSRF token that matches this session
// (signing in again changes it): fetched only when the one on this page was refused.
async function freshToken(url) {
  const response = await window.fetch(url, {
    headers: { "X-Lived-Offline": "1" },
    credentials: "same-origin",
    redirect: "manual",
  });
  if (!response.ok || !(response.headers.get("content-type") || "").includes("text/html")) return "";
  const html = new DOMParser().parseFromString(await response.text(), "text/html");
  const input = html.querySelector("input[name='csrfmiddlewaretoken']");
  return input ? input.value : "";
}

function post(url, fields, token) {
  const body = new URLSearchParams(fields.map(([k, v]) => [k, k === "csrfmiddlewaretoken" && token ? token : v]));
  return window.fetch(url, {
    method: "POST",
    body,
    headers: { "X-Lived-Offline": "1", ...(token ? { "X-CSRFToken": token } : {}) },
    credentials: "same-origin",
    redirect: "manual", // a redirect (to sign in, or anywhere) is never the success reply
  });
}

async function jsonOf(response) {
  if (!(response.headers.get("content-type") || "").includes("application/json")) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

// One attempt: {state: "saved", body} | {state: "sign-in" | "refused" | "not-allowed" | "waiting", problem}.
async function attempt(item) {
  let response;
  try {
    response = await post(item.url, item.fields, pageToken());
    if (response.status === 403 && !(await jsonOf(response.clone()))) {
      // Most often the CSRF token of a page drawn before signing in again: get this session's one.
      const token = await freshToken(item.url);
      if (token) response = await post(item.url, item.fields, token);
    }
  } catch {
    return { state: "waiting" }; // no signal
  }
  if (response.type === "opaqueredirect" || response.status === 401) return { state: "sign-in" };
  const body = await jsonOf(response);
  if (response.status === 200 && body && body.saved === true && body.id) return { state: "saved", body };
  if (response.status === 400 && body && Array.isArray(body.errors)) {
    return { state: "refused", problem: body.errors.join(" ") || "the server did not say why." };
  }
  if (response.status === 403 || response.status === 404) return { state: "not-allowed" };
  return { state: "waiting" }; // a server error, or an answer that is not ours: try again later
}

function update(key, changes) {
  writeOutbox(readOutbox().map((item) => (item.key === key ? { ...item, ...changes } : item)));
}

function remove(key) {
  writeOutbox(readOutbox().filter((item) => item.key !== key));
}

let flushing = false;

async function flush() {
  if (flushing || !navigator.onLine || !panel) return;
  flushing = true;
  let sent = 0;
  try {
    for (const item of readOutbox()) {
      if (!mine(item) || item.state === "refused") continue;
      const result = await attempt(item);
      if (result.state === "saved") {
        remove(item.key);
        sent += 1;
        continue;
      }
      update(item.key, { state: result.state, problem: result.problem || "" });
      if (result.state === "sign-in") {
        // Nothing else will go either: say so on each of them.
        for (const other of readOutbox()) {
          if (mine(other) && other.state !== "refused" && other.state !== "not-allowed") {
            update(other.key, { state: "sign-in" });
          }
        }
        break;
      }
      if (result.state === "waiting") break; // no signal, or the server is struggling
    }
  } finally {
    flushing = false;
  }
  const done = sent ? `${sent === 1 ? "1 record" : `${sent} records`} saved on this phone ${sent === 1 ? "has" : "have"} now been sent.` : "";
  showWaiting(done);
}

function keep(form, fields) {
  const key = (fields.find(([name]) => name === "idempotency_key") || [])[1] || newKey();
  const text = fields
    .filter(([name, value]) => value && form.querySelector(`textarea[name='${name}']`))
    .map(([, value]) => value)[0];
  const summary = text ? `${form.dataset.livedWhat}: “${text.length > 60 ? `${text.slice(0, 60)}…` : text}”` : form.dataset.livedWhat;
  const item = {
    kind: form.dataset.livedOffline || "note",
    url: (form.action || window.location.href).split("#")[0],
    discardUrl: form.dataset.livedDiscard || "",
    key,
    fields,
    what: summary,
    keptAt: new Date().toISOString(),
    keptBy: me || null,
    state: "waiting",
  };
  writeOutbox([...readOutbox().filter((other) => other.key !== key), item]);
  return item;
}

function freshForm(form) {
  // The next record from this form is a new one: give it a new key.
  if (form.querySelectorAll("textarea").length) form.reset();
  const keyInput = form.querySelector("input[name='idempotency_key']");
  if (keyInput) keyInput.value = newKey();
}

async function onSubmit(event) {
  const form = event.currentTarget;
  event.preventDefault();
  const stamp = form.querySelector("input[name='occurred_at']");
  if (stamp && !stamp.value) stamp.value = localIso();
  const fields = Array.from(new FormData(form).entries()).map(([k, v]) => [k, String(v)]);
  if (stamp) stamp.value = "";
  const item = keep(form, fields); // on the phone first: nothing is lost whatever happens next
  if (!navigator.onLine) {
    freshForm(form);
    showWaiting();
    return;
  }
  const result = await attempt(item);
  if (result.state === "saved") {
    remove(item.key);
    window.location.href = result.body.next || window.location.pathname; // with the "saved" banner
    return;
  }
  if (result.state === "refused") {
    // Let the server show what is wrong beside the fields, as it does without JavaScript.
    remove(item.key);
    HTMLFormElement.prototype.submit.call(form);
    return;
  }
  update(item.key, { state: result.state, problem: result.problem || "" });
  freshForm(form);
  showWaiting();
}

// --- Discarding what the server refused ----------------------------------------------------------

async function discard(item, form) {
  const reason = form.querySelector("[name='reason']").value.trim();
  if (!reason) {
    announce("Say why it is being discarded: this is kept in the record.");
    return;
  }
  const fields = [
    ["csrfmiddlewaretoken", pageToken()],
    ["kind", item.kind],
    ["key", item.key],
    ["kept_by", item.keptBy || ""],
    ["kept_at", item.keptAt || ""],
    ["refused_because", item.state === "refused" ? item.problem || "" : item.state],
    ["fields", JSON.stringify(item.fields.filter(([name]) => name !== "csrfmiddlewaretoken"))],
    ["reason", reason],
  ];
  let response;
  try {
    response = await post(item.discardUrl, fields, pageToken());
  } catch {
    announce("Not discarded: there is no signal. Try again when you are back online.");
    return;
  }
  const body = await jsonOf(response);
  if (response.status === 200 && body && body.discarded) {
    remove(item.key); // the server has kept a record of what it said, and why it went
    showWaiting(`The ${noun(item)} was discarded. What it said, and why it was discarded, are kept in the record.`);
    return;
  }
  if (response.type === "opaqueredirect" || response.status === 401) {
    announce("Not discarded: sign in again first.");
  } else if (body && Array.isArray(body.errors)) {
    announce(`Not discarded: ${body.errors.join(" ")}`);
  } else {
    announce("Not discarded: something went wrong. It is still on this phone.");
  }
}

// --- Start ---------------------------------------------------------------------------------------

adoptOldOutbox();
for (const form of document.querySelectorAll("form[data-lived-offline]")) {
  form.addEventListener("submit", onSubmit);
}
window.addEventListener("online", flush);
showWaiting();
flush();
