// What a worker typed survives an expired session (ADR 0022, HAZ-043). Every page works without this
// file; without it nothing is kept.
//
// Every POST form with typed fields (textareas and text-like inputs; never passwords, hidden fields,
// forms the phone's outbox owns (`data-lived-offline`, ADR 0008), or the sign-in, two-factor and
// password pages) keeps what is typed in sessionStorage: this tab only, gone when the tab closes,
// never localStorage. A draft is keyed by the signed-in user's public id, the page, the form's action
// and (inside it) each field's name, and remembers what the server drew in each field when it began.
//
// A draft lives while its page is open, and across a sign-in: the sign-in page marks every draft in
// the tab as "signed out since". When the page is opened again by the same user, each field still as
// the server drew it when the draft began gets the kept words back, under a notice with "Discard what
// was kept"; a field the server now draws differently (someone changed it meanwhile) is left alone
// and the kept words are shown beside it to copy. Hidden fields (the version, the idempotency key)
// stay as the server drew them, so a stale save still gets the "This changed" page.
//
// Cleared: when its form is sent and the answer is a redirect (how every form here says "saved") or
// another page; on Discard; on sign-out; when another user signs in in this tab; when it is older than
// MAX_AGE; and, when no sign-in came between, when its page is opened afresh or left.
(() => {
  const script = document.currentScript;
  let store;
  try {
    store = window.sessionStorage;
    store.getItem("lived-draft-probe");
  } catch {
    return; // storage is off (a locked-down browser): forms post as normal
  }
  if (!script) return;

  const PREFIX = "lived-draft|";
  const PENDING = "lived-draft-pending";
  const MAX_AGE = 12 * 60 * 60 * 1000; // a long shift; older words are not brought back
  const WAIT = 400; // ms after the last key press before what was typed is kept
  const WAY_IN = /^\/accounts\/(sign-in|two-factor|password-reset)\//;
  const TYPED = new Set(["text", "email", "tel", "url", "number"]);
  const user = script.dataset.user || "";
  const path = location.pathname;

  function read(key) {
    try {
      return JSON.parse(store.getItem(key) || "null");
    } catch {
      return null;
    }
  }

  function write(key, value) {
    try {
      store.setItem(key, JSON.stringify(value));
    } catch {
      // storage full: the form still posts; nothing else is lost by not keeping it
    }
  }

  function draftKeys() {
    const keys = [];
    for (let i = 0; i < store.length; i += 1) {
      const key = store.key(i);
      if (key && key.startsWith(PREFIX)) keys.push(key);
    }
    return keys;
  }

  function forgetAll() {
    for (const key of draftKeys()) store.removeItem(key);
    store.removeItem(PENDING);
  }

  // The sign-out form: nothing typed outlives signing out.
  for (const form of document.querySelectorAll("form[data-lived-sign-out]")) {
    form.addEventListener("submit", forgetAll);
  }

  if (WAY_IN.test(path)) {
    // On the way back in: every draft in this tab is now one a sign-in came between.
    for (const key of draftKeys()) {
      const draft = read(key);
      if (draft) write(key, { ...draft, signedOut: true });
    }
    return;
  }
  if (!user) return; // a page for someone not signed in: keep what there is for after signing in

  // Someone else's words, or words too old, are never brought back.
  const now = Date.now();
  for (const key of draftKeys()) {
    const draft = read(key);
    if (!draft || draft.user !== user || !(now - draft.at < MAX_AGE)) store.removeItem(key);
  }

  // The answer to the last form sent from this tab.
  const pending = read(PENDING);
  store.removeItem(PENDING);
  if (pending) {
    const draft = read(pending.key);
    const navigation = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    const redirected = navigation ? navigation.redirectCount > 0 : false;
    // 403: the session changed under the page (signed out or in again in another tab), so the CSRF
    // token was refused: kept as if signed out, for when the page is opened again.
    const refused = navigation ? navigation.responseStatus === 403 : false;
    const here = path === pending.page || path === pending.action;
    if (!draft) {
      // discarded, or someone else's
    } else if (!here) {
      store.removeItem(pending.key); // saved, and the server sent the worker on
    } else if (refused) {
      write(pending.key, { ...draft, signedOut: true });
    } else if (!draft.signedOut && redirected) {
      store.removeItem(pending.key); // saved, and the server brought the worker back to this page
    } else {
      write(pending.key, { ...draft, sent: true }); // not saved: the page came back with errors
    }
  }

  // Drafts for other pages with no sign-in between were left on purpose: they go.
  for (const key of draftKeys()) {
    const draft = read(key);
    if (!draft) continue;
    const mine = draft.page === path || draft.action === path;
    if (!draft.signedOut && !(mine && draft.sent)) store.removeItem(key);
  }

  function typedFields(form) {
    return Array.from(form.elements).filter(
      (el) =>
        el.name &&
        !el.disabled &&
        el.name !== "csrfmiddlewaretoken" &&
        el.autocomplete !== "one-time-code" &&
        (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && TYPED.has(el.type))),
    );
  }

  function fieldNames(fields) {
    const seen = {};
    return fields.map((el) => {
      seen[el.name] = (seen[el.name] || 0) + 1;
      return seen[el.name] === 1 ? el.name : `${el.name}#${seen[el.name]}`;
    });
  }

  function template(id) {
    const found = document.getElementById(id);
    return found ? found.content.firstElementChild.cloneNode(true) : null;
  }

  function fieldBlock(el) {
    return el.closest(".nhsuk-form-group") || el;
  }

  const forms = Array.from(document.querySelectorAll("form")).filter(
    (form) =>
      (form.getAttribute("method") || "").toLowerCase() === "post" &&
      !form.hasAttribute("data-lived-offline") &&
      !form.hasAttribute("data-lived-sign-out") &&
      !form.hasAttribute("data-lived-no-draft") &&
      !form.querySelector("input[type=password]") &&
      typedFields(form).length,
  );
  const sameAction = {};

  forms.forEach((form) => {
    // getAttribute: a field named "action" would hide the form's own property.
    const action = new URL(form.getAttribute("action") || location.href, location.href).pathname;
    sameAction[action] = (sameAction[action] || 0) + 1;
    const key = `${PREFIX}${user}|${path}|${action}|${sameAction[action]}`;
    const fields = typedFields(form);
    const names = fieldNames(fields);

    // The draft of this form: kept on this page, or on a page whose form posted here (a form on the
    // review page posts to the agenda page, and the sign-in brings the worker back to the latter).
    let draftKey = store.getItem(key) ? key : null;
    if (!draftKey && action === path) {
      draftKey =
        draftKeys().find((other) => {
          const kept = read(other);
          return kept && kept.signedOut && kept.action === action && kept.page !== path;
        }) || null;
    }
    let draft = draftKey ? read(draftKey) : null;
    if (draftKey && draftKey !== key) {
      store.removeItem(draftKey);
      draft = { ...draft, page: path };
      write(key, draft);
    }

    const restored = [];
    const beside = [];
    if (draft && draft.signedOut) {
      names.forEach((name, i) => {
        const kept = draft.fields[name];
        const el = fields[i];
        if (!kept || kept.typed === kept.drawn || el.defaultValue === kept.typed) return;
        if (el.defaultValue === kept.drawn && el.value === el.defaultValue) {
          el.value = kept.typed;
          restored.push(el);
        } else {
          beside.push([el, kept.typed]);
        }
      });
      if (restored.length || beside.length) {
        const notice = template("lived-drafts-notice");
        if (notice) {
          const clash = notice.querySelector("[data-lived-drafts-clash]");
          if (clash) clash.hidden = !beside.length;
          const shown = [];
          for (const [el, typed] of beside) {
            const block = template("lived-drafts-kept");
            if (!block) continue;
            block.querySelector("[data-lived-drafts-words]").textContent = typed;
            fieldBlock(el).after(block);
            shown.push(block);
          }
          notice.querySelector("[data-lived-drafts-discard]").addEventListener("click", () => {
            store.removeItem(key);
            for (const el of restored) el.value = el.defaultValue;
            for (const block of shown) block.remove();
            notice.remove();
            draft = null;
            const first = fields[0];
            if (first) first.focus();
          });
          form.before(notice);
        }
      }
      // A draft begun afresh from this page as the server drew it: the words put back are kept as
      // typed, the ones shown beside a changed field are on the screen to copy.
      draft = null;
      keep();
    }

    function keep() {
      const kept = {};
      let changed = false;
      names.forEach((name, i) => {
        const el = fields[i];
        const before = draft && draft.fields[name];
        const drawn = before ? before.drawn : el.defaultValue;
        kept[name] = { drawn, typed: el.value };
        if (el.value !== drawn) changed = true;
      });
      if (!changed) {
        store.removeItem(key);
        draft = null;
        return;
      }
      draft = { user, page: path, action, at: Date.now(), fields: kept, signedOut: false, sent: false };
      write(key, draft);
    }

    let timer = null;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(keep, WAIT);
    };
    form.addEventListener("input", soon);
    form.addEventListener("change", soon);
    form.addEventListener("submit", () => {
      clearTimeout(timer);
      keep();
      if (draft) write(PENDING, { key, page: path, action });
    });
  });
})();
