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

  // An htmx swap replaces the element that held the focus ("Ändra" turns an item
  // into its form, "Ta bort" and the move buttons redraw a section). Put the
  // focus where a keyboard user expects it instead of losing it to the page:
  // the same control if it is still there, the error summary, the form's first
  // field, the item's "Ändra" link after saving, or else the section's heading.
  var before = null;

  function focusable(element) {
    return element && element.offsetParent !== null && !element.disabled;
  }

  function focusHeading(container) {
    var heading = container.querySelector("h1, h2, h3");
    if (!heading) {
      return;
    }
    if (!heading.hasAttribute("tabindex")) {
      heading.setAttribute("tabindex", "-1");
    }
    heading.focus();
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    var active = document.activeElement;
    before = {
      targetId: target && target.id,
      focusId: active && active.id,
      wasEditing: !!(target && target.matches(".plan-item--editing"))
    };
  });

  document.addEventListener("htmx:afterSettle", function () {
    var state = before;
    before = null;
    var active = document.activeElement;
    if (!state || !state.targetId || (active && active !== document.body)) {
      return; // the focus was not lost (a live check updated beside a field)
    }
    var swapped = document.getElementById(state.targetId);
    if (!swapped) {
      return;
    }
    var same = state.focusId && document.getElementById(state.focusId);
    if (focusable(same)) {
      same.focus();
      return;
    }
    var errors = swapped.querySelector("[data-error-summary]");
    if (errors) {
      errors.focus();
      return;
    }
    if (swapped.matches(".plan-item--editing")) {
      var fields = swapped.querySelectorAll(
        "input:not([type=hidden]), textarea, select"
      );
      for (var i = 0; i < fields.length; i += 1) {
        if (focusable(fields[i])) {
          fields[i].focus();
          return;
        }
      }
    }
    var back = state.wasEditing && swapped.querySelector("[data-focus-return]");
    if (focusable(back)) {
      back.focus();
      return;
    }
    focusHeading(swapped);
  });
})();
