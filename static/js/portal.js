// The portal's own behaviour. Loaded as a file: the Content-Security-Policy forbids inline scripts.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Buttons marked data-print print the page (the password slips, later the reports).
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
  // Forms marked data-confirm ask before they submit.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
  // A form submits once: a double click must not send it twice.
  document.querySelectorAll("form[method=post]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (event.defaultPrevented) {
        return;
      }
      form.querySelectorAll("button[type=submit]").forEach((button) => {
        window.setTimeout(() => { button.disabled = true; }, 0);
      });
      // Long work (the tally, closing a month) shows that it is under way once it takes more than a moment.
      if (form.dataset.busy) {
        window.setTimeout(() => {
          const status = document.createElement("div");
          status.className = "busy-status mt-2";
          status.setAttribute("role", "status");
          const spinner = document.createElement("span");
          spinner.className = "spinner-border spinner-border-sm me-2";
          spinner.setAttribute("aria-hidden", "true");
          status.append(spinner, document.createTextNode(form.dataset.busy));
          form.append(status);
        }, 300);
      }
    });
  });
});
