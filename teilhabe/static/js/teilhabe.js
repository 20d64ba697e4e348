// Progressive enhancement only: every page works without JavaScript.

// After htmx swaps a part of the page, move the focus to the element that asks for it (the
// heading of an inline form or of the saved entry), so keyboard and screen-reader users
// continue where the change happened. The swapped-out target is detached by then, so look
// in the document.
document.addEventListener("htmx:afterSettle", (event) => {
  const element = document.querySelector("[data-focus-after-swap]");
  if (element) {
    element.removeAttribute("data-focus-after-swap");
    element.focus();
    return;
  }
  // Nothing asked for the focus, and it went with the swapped-out part (e.g. "Abbrechen" in
  // an inline form): keep it where the change happened, on the new part's heading.
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  const target = event.detail.target;
  const swapped = target && (target.isConnected ? target : document.getElementById(target.id));
  if (!swapped) return;
  const heading = swapped.querySelector("h1, h2, h3, h4") || swapped;
  if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
  heading.focus();
});

// htmx does not swap error answers. Show what went wrong next to the form and leave the
// form as it is, so nothing the person typed is lost.
const FALLBACK_MESSAGES = {
  0: "Keine Verbindung zum Server; es wurde nichts gespeichert. Bitte versuchen Sie es gleich noch einmal.",
  403: "Das dürfen Sie hier nicht (mehr); es wurde nichts gespeichert.",
  404: "Diesen Eintrag gibt es nicht mehr; es wurde nichts gespeichert.",
};
const FALLBACK = "Beim Speichern ist ein Fehler aufgetreten; es wurde nichts gespeichert. Bitte versuchen Sie es erneut.";

function showProblem(target, message) {
  const container = target && target.isConnected ? target : document.querySelector("main");
  let alert = container.querySelector(":scope .js-request-problem");
  if (!alert) {
    alert = document.createElement("div");
    alert.className = "kern-alert kern-alert--danger js-request-problem";
    alert.setAttribute("role", "alert");
    const body = document.createElement("div");
    body.className = "kern-alert__body";
    const text = document.createElement("p");
    text.className = "kern-body";
    body.appendChild(text);
    alert.appendChild(body);
    const form = container.querySelector("form");
    (form ? form.parentNode : container).insertBefore(alert, form || container.firstChild);
  }
  alert.querySelector("p").textContent = message;
}

document.addEventListener("htmx:responseError", (event) => {
  const xhr = event.detail.xhr;
  const header = xhr.getResponseHeader("X-Teilhabe-Message");
  const message = header ? decodeURIComponent(header) : FALLBACK_MESSAGES[xhr.status] || FALLBACK;
  showProblem(event.detail.target, message);
});

document.addEventListener("htmx:sendError", (event) => {
  showProblem(event.detail.target, FALLBACK_MESSAGES[0]);
});
