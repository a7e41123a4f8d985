// Crisis plans on the worker's phone, for reading without signal (HAZ-037). Every page works without
// this file; without it nothing is kept on the phone.
//
// Every page: when no one is signed in, every saved crisis plan is deleted; when someone is, only the
// copies saved for them are kept (each worker's cache is named with their public id) and the service
// worker (/sw.js) is registered. The briefing: the crisis plans of the people on it are fetched and
// saved, from the list the server gives. Signing out deletes them before the sign-out is sent.
(() => {
  const script = document.currentScript;
  if (!script || !("caches" in window) || !("serviceWorker" in navigator)) return;

  const PREFIX = "lived-crisis-";
  const CRISIS_PLAN = /^\/people\/[0-9a-f-]{36}\/crisis-plan\/$/;
  const user = script.dataset.user || "";
  const mine = user ? PREFIX + user : "";
  let signingOut = false;

  async function forgetAllBut(keep) {
    const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== keep);
    await Promise.all(names.map((name) => caches.delete(name)));
  }

  // The styles, scripts and images this page loaded (the crisis plan uses the same layout), so a saved
  // plan is as readable offline as online. They hold no person data.
  async function saveAssets(cache) {
    const assets = performance
      .getEntriesByType("resource")
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === location.origin && /^\/(static|assets)\//.test(url.pathname));
    for (const url of new Set(assets.map((u) => u.href))) {
      if (signingOut) return;
      try {
        const response = await fetch(url, { credentials: "same-origin" });
        if (response.ok) await cache.put(url, response);
      } catch {
        return; // the signal went: the plans are saved, the styles can wait for the next briefing
      }
    }
  }

  async function saveCrisisPlans(listUrl) {
    const list = new URL(listUrl, location.href);
    const service = new URLSearchParams(location.search).get("service");
    if (service) list.searchParams.set("service", service);
    const answer = await fetch(list, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!answer.ok || answer.redirected) return;
    const { user: listedFor, crisis_plans: paths } = await answer.json();
    if (listedFor !== user || signingOut) return; // someone else signed in since this page was made
    const cache = await caches.open(mine);
    const wanted = new Set(paths.map((path) => new URL(path, location.href).href));
    for (const href of wanted) {
      if (signingOut) return;
      try {
        // One at a time: a briefing's worth of pages, without a burst at the start of every shift.
        const page = await fetch(href, {
          credentials: "same-origin",
          headers: { "X-Lived-Purpose": "offline-copy" },
        });
        if (page.ok && !page.redirected) await cache.put(href, page);
        else await cache.delete(href);
      } catch {
        return; // the signal went half-way: keep what was saved before
      }
    }
    for (const request of await cache.keys()) {
      // People no longer on the briefing (moved on, or another service chosen) are not kept.
      if (CRISIS_PLAN.test(new URL(request.url).pathname) && !wanted.has(request.url)) {
        await cache.delete(request);
      }
    }
    await saveAssets(cache);
  }

  for (const form of document.querySelectorAll("form[data-lived-sign-out]")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      signingOut = true;
      forgetAllBut(null).finally(() => form.submit());
    });
  }

  if (!user) {
    forgetAllBut(null);
    return;
  }
  forgetAllBut(mine).then(() => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // No service worker (an old phone, a private window): the pages still work, just not offline.
    });
    if (script.dataset.crisisPlans && navigator.onLine) {
      saveCrisisPlans(script.dataset.crisisPlans).catch(() => {});
    }
  });
})();
