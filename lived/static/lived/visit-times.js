// "I have just arrived": one tap puts the time now into the visit's arrival box. Without JavaScript the
// button stays hidden and the worker types the time.
for (const button of document.querySelectorAll("[data-lived-now]")) {
  const input = document.getElementById(button.dataset.livedNow);
  if (!input) continue;
  button.hidden = false;
  button.addEventListener("click", () => {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    input.value = `${pad(now.getHours())}:${pad(now.getMinutes())}`;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    input.focus();
  });
}
