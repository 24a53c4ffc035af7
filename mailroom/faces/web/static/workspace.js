// The workspace's own script: a file, so the Content-Security-Policy can forbid inline
// script. It adds keyboard work to the review page: 1-5 pick a case type, Enter
// confirms (the form submits), j/k open the next/previous document.
"use strict";

document.addEventListener("keydown", (event) => {
  const form = document.querySelector("form[data-review]");
  if (!form || event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }
  const target = event.target;
  const typing = target instanceof HTMLElement &&
    (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type !== "radio"));
  if (typing) {
    return;
  }
  const choice = form.querySelector(`input[type=radio][data-key="${event.key}"]`);
  if (choice) {
    choice.checked = true;
    choice.focus();
    event.preventDefault();
    return;
  }
  if (event.key === "Enter" && !(target instanceof HTMLAnchorElement) &&
      !(target instanceof HTMLButtonElement)) {
    event.preventDefault();
    form.requestSubmit();
    return;
  }
  const link = document.querySelector(`a[data-key="${event.key}"]`);
  if (link) {
    event.preventDefault();
    window.location.assign(link.href);
  }
});

// Focus the chosen case type on arrival, so the first key already decides.
document.addEventListener("DOMContentLoaded", () => {
  const checked = document.querySelector("form[data-review] input[type=radio]:checked");
  if (checked) {
    checked.focus();
  }
});
