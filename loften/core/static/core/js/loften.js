// Progressive enhancement shared by every page; every page works without it.
(function () {
  "use strict";

  // A form sent with mistakes comes back with an error summary: move the focus
  // there, so that keyboard and screen-reader users hear what to correct and can
  // follow its links to the fields (the GOV.UK error summary pattern).
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
