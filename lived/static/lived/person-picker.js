// Progressive enhancement for a person picker (the outcome-group form): as the user types, ask the
// person search (people:search) for the people who match and swap them in, keeping who is ticked.
// Without this file the form's Search button does the same on the server.
(function () {
  "use strict";

  function enhance(picker) {
    var form = picker.closest("form");
    var input = picker.querySelector("input[type=search]");
    var button = picker.querySelector("[data-person-picker-search]");
    var results = picker.querySelector("[data-person-search-results]");
    var field = picker.dataset.field;
    if (!form || !input || !results || !field) return;
    var timer = null;
    var latest = 0;

    function search() {
      var params = new URLSearchParams({ q: input.value, name: field });
      var service = form.elements[picker.dataset.serviceField];
      if (service && service.value) params.set("service", service.value);
      form.querySelectorAll("input[name='" + field + "']:checked").forEach(function (box) {
        params.append("chosen", box.value);
      });
      var asked = ++latest;
      fetch(picker.dataset.searchUrl + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          if (asked !== latest) return; // an answer to an older search
          var found = new DOMParser().parseFromString(html, "text/html");
          var boxes = results.querySelector(".nhsuk-checkboxes");
          var newBoxes = found.querySelector(".nhsuk-checkboxes");
          if (boxes) boxes.replaceChildren.apply(boxes, newBoxes ? Array.from(newBoxes.children) : []);
          var status = results.querySelector("[role=status]");
          var newStatus = found.querySelector("[role=status]");
          if (status && newStatus) status.textContent = newStatus.textContent;
        })
        .catch(function () {
          // Leave the list as it is; the Search button still works.
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    if (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        search();
      });
    }
  }

  document.querySelectorAll("[data-person-picker]").forEach(enhance);
})();
