// Lived's service worker (HAZ-037), served at /sw.js. It does one thing: when a crisis-plan page
// cannot be fetched (no signal), it answers with the copy saved on this phone, with the "You are
// offline" banner showing. It saves nothing it was not told to: lived/static/lived/offline-crisis.js
// fills the cache named for the signed-in worker from the list the server gives, and deletes it when
// they sign out or someone else signs in. Every other request goes to the network untouched.

const PREFIX = "lived-crisis-";
const CRISIS_PLAN = /^\/people\/[0-9a-f-]{36}\/crisis-plan\/$/;
const SIGN_OUT = "/accounts/sign-out/";
// The crisis-plan template hides the banner with exactly this; a saved copy is shown without it.
const BANNER_HIDDEN = "data-lived-saved-copy hidden";

// Pages answered with a saved copy: their styles and scripts come from the same cache.
const savedCopyClients = new Set();

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

async function crisisCaches() {
  return (await caches.keys()).filter((name) => name.startsWith(PREFIX));
}

// The signed-in worker's cache. The page script keeps exactly one; if there are ever more (two
// workers' copies), the worker cannot know whose phone this is now, so it uses none of them.
async function workersCache() {
  const names = await crisisCaches();
  return names.length === 1 ? caches.open(names[0]) : null;
}

function offlinePage() {
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>You are offline – Lived</title>
<style>body { font-family: Arial, sans-serif; font-size: 1.1875rem; line-height: 1.5; margin: 16px; color: #212b32; }</style>
</head>
<body>
<main>
<h1>You are offline</h1>
<p>There is no copy of this page saved on this phone.</p>
<p>The crisis plans of the people on your briefing are saved on your phone when you open the briefing while you have signal. They are deleted when you sign out.</p>
<p>In an emergency, call 999.</p>
</main>
</body>
</html>`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function savedCopy(event, key) {
  const cache = await workersCache();
  const saved = cache && (await cache.match(key, { ignoreVary: true }));
  if (!saved) return offlinePage();
  if (event.resultingClientId) savedCopyClients.add(event.resultingClientId);
  const headers = new Headers(saved.headers);
  headers.delete("Content-Length");
  headers.delete("Content-Encoding");
  const html = (await saved.text()).replace(BANNER_HIDDEN, "data-lived-saved-copy");
  return new Response(html, { status: 200, headers });
}

// Network first. A fresh answer replaces the saved copy; "not allowed" or "not found" (the person has
// moved on, or this worker's role has changed) deletes it.
async function crisisPlan(event, key) {
  let response;
  try {
    response = await fetch(event.request);
  } catch {
    return savedCopy(event, key);
  }
  event.waitUntil(
    (async () => {
      const cache = await workersCache();
      if (!cache || !(await cache.match(key, { ignoreVary: true }))) return;
      if (response.ok && !response.redirected) await cache.put(key, response.clone());
      else if ([403, 404, 410].includes(response.status)) await cache.delete(key);
    })(),
  );
  return response;
}

async function savedAsset(request) {
  const cache = await workersCache();
  const saved = cache && (await cache.match(request, { ignoreVary: true }));
  return saved || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === SIGN_OUT) {
    // Signing out forgets every saved plan, even from a page where the page script did not run.
    event.waitUntil(crisisCaches().then((names) => Promise.all(names.map((name) => caches.delete(name)))));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate" && CRISIS_PLAN.test(url.pathname)) {
    event.respondWith(crisisPlan(event, url.origin + url.pathname));
  } else if (request.mode !== "navigate" && savedCopyClients.has(event.clientId)) {
    event.respondWith(savedAsset(request));
  }
});
