// Ingest page: upload files with the page's CSRF token, then poll the job until it is done.
(function () {
  "use strict";
  function init() {
    var form = document.getElementById("ingest-form");
    if (!form) { return; }
    var bar = document.getElementById("ingest-progress");
    var status = document.getElementById("ingest-status");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var data = new FormData(form);
      status.textContent = "Uploading…";
      fetch(form.action, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-CSRF-Token": form.elements.csrf_token.value }
      }).then(function (r) {
        if (!r.ok) { return r.json().then(function (e) { throw new Error(e.detail || r.statusText); }); }
        return r.json();
      }).then(function (job) { poll(job.id); })
        .catch(function (e) { status.textContent = "Failed: " + e.message; });
    });

    function finish(job) {
      status.textContent = (job.state === "done" ? "Done: " : "Failed: ") + job.done + " file(s), " +
        job.documents.length + " document(s), " + job.mentions + " mention(s) extracted; " +
        (job.incidents === null ? "not linked" : job.incidents + " incidents after re-linking") + ". ";
      job.documents.forEach(function (id, i) {
        var a = document.createElement("a");
        a.href = "/documents/" + encodeURIComponent(id);
        a.textContent = "document " + (i + 1);
        status.appendChild(a);
        status.appendChild(document.createTextNode(" "));
      });
      job.errors.forEach(function (e) {
        var p = document.createElement("div");
        p.className = "flash error";
        p.textContent = e;
        status.appendChild(p);
      });
    }

    function poll(id) {
      fetch("/api/jobs/" + encodeURIComponent(id), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          bar.max = Math.max(job.total, 1);
          bar.value = job.done;
          status.textContent = job.stage + ": " + job.done + " / " + job.total +
            (job.errors.length ? " · " + job.errors.length + " error(s): " + job.errors.join("; ") : "");
          if (job.state === "running" || job.state === "queued") {
            setTimeout(function () { poll(id); }, 500);
          } else {
            finish(job);
          }
        });
    }
  }
  document.addEventListener("DOMContentLoaded", init);
})();
