// A "Print" button on printable pages: shown only where scripts run, since it needs one.
document.querySelectorAll("[data-action=print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
