// Small progressive enhancements; the pages work without this script.
// The home page's date and treaty controls submit themselves (htmx does it when loaded; this is
// the fallback when it is not).
document.addEventListener("DOMContentLoaded", () => {
  if (window.htmx) return;
  for (const form of document.querySelectorAll("form.controls")) {
    form.addEventListener("change", () => form.submit());
  }
});
