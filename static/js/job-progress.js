// Keeps a job's progress current without reloading the page: a timed refresh fails WCAG
// 2.2.1, a live region that changes does not. Without JavaScript the page has a link to look
// again.
(function () {
  "use strict";
  var region = document.getElementById("job-progress");
  if (!region || region.dataset.finished === "true") {
    return;
  }
  function poll() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (text) {
        var fresh = new DOMParser()
          .parseFromString(text, "text/html")
          .getElementById("job-progress");
        if (!fresh) {
          return;
        }
        region.innerHTML = fresh.innerHTML;
        region.dataset.finished = fresh.dataset.finished;
        if (fresh.dataset.finished !== "true") {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 10000); // the server is busy or away: ask less often
      });
  }
  window.setTimeout(poll, 2000);
})();
