// Progressive enhancement only: every page works without JavaScript.

// After htmx swaps a part of the page, move the focus to the element that asks for it (the
// heading of an inline form or of the saved entry), so keyboard and screen-reader users
// continue where the change happened. The swapped-out target is detached by then, so look
// in the document.
document.addEventListener("htmx:afterSettle", () => {
  const element = document.querySelector("[data-focus-after-swap]");
  if (element) {
    element.removeAttribute("data-focus-after-swap");
    element.focus();
  }
});
