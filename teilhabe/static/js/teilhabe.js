// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("htmx:afterSwap", (event) => {
  const heading = event.detail.target.querySelector("[data-focus-after-swap]");
  if (heading) heading.focus();
});
