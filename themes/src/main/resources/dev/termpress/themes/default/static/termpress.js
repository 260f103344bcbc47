// termpress default theme: copy buttons, dark/light toggle, small-screen menu, page contents.
// Run types a block's commands into its live terminal, each at the next prompt (blocks marked
// autorun=false are left to the reader); a command's own Run button types just that command.
// The live terminals come from the runtime script, which reads each figure.tp-demo's data attributes.
(function () {
  "use strict";
  var root = document.documentElement;

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Fallback for plain-HTTP hosts, where the Clipboard API is unavailable.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".tp-copy") : null;
    if (!button) return;
    var label = button.textContent;
    // A file block's Copy takes the file from its code (not a second copy of it in an attribute).
    var file = button.hasAttribute("data-copy") ? null : button.closest(".tp-file");
    var text = file ? file.querySelector("pre code").textContent : button.getAttribute("data-copy");
    copyText(text).then(function () {
      button.textContent = "Copied";
    }, function () {
      button.textContent = "Press Ctrl+C";
    });
    setTimeout(function () { button.textContent = label; }, 1500);
  });

  // Until a runtime script takes over a demo (it sets data-state on the figure), Run and each
  // command's Run button explain themselves.
  document.addEventListener("click", function (event) {
    var run = event.target.closest ? event.target.closest(".tp-run, .tp-run-command") : null;
    if (!run) return;
    var figure = run.closest(".tp-demo");
    setTimeout(function () {
      if (!figure || figure.hasAttribute("data-state")) return;
      var status = figure.querySelector(".tp-status");
      if (status) status.textContent = "The live terminal is not available on this page.";
    }, 0);
  });

  function currentScheme() {
    if (root.dataset.theme) return root.dataset.theme;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  // "On this page": the entry of the section being read gets aria-current. The section being read is
  // the last heading above a line near the top of the window; an IntersectionObserver tells when a
  // heading crosses that band, so nothing runs on every scroll event.
  function followContents() {
    var toc = document.querySelector(".tp-toc");
    if (!toc || !("IntersectionObserver" in window)) return;
    var links = Array.prototype.slice.call(toc.querySelectorAll("a[href^='#']"));
    var headings = [];
    links.forEach(function (link) {
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (target) headings.push({ heading: target, link: link });
    });
    if (!headings.length) return;
    var current = null;
    function update() {
      var line = window.innerHeight * 0.3;
      var active = headings[0];
      for (var i = 0; i < headings.length; i++) {
        if (headings[i].heading.getBoundingClientRect().top <= line) active = headings[i];
      }
      // At the very bottom the last sections may never reach the line: the last one is being read.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) {
        active = headings[headings.length - 1];
      }
      if (active === current) return;
      if (current) current.link.removeAttribute("aria-current");
      active.link.setAttribute("aria-current", "location");
      current = active;
    }
    var observer = new IntersectionObserver(update, { rootMargin: "0px 0px -70% 0px", threshold: [0, 1] });
    headings.forEach(function (entry) { observer.observe(entry.heading); });
    // The bottom case has no heading crossing the band; a passive scroll check at the end covers it.
    window.addEventListener("scroll", function () {
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) update();
    }, { passive: true });
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".tp-theme-toggle");
    if (toggle) {
      toggle.setAttribute("aria-pressed", String(currentScheme() === "dark"));
      toggle.addEventListener("click", function () {
        var next = currentScheme() === "dark" ? "light" : "dark";
        root.dataset.theme = next;
        toggle.setAttribute("aria-pressed", String(next === "dark"));
        try { localStorage.setItem("tp-theme", next); } catch (e) { /* private mode: not remembered */ }
      });
    }
    followContents();
    var menu = document.querySelector(".tp-menu");
    var sidebar = document.getElementById("tp-sidebar");
    if (menu && sidebar) {
      menu.addEventListener("click", function () {
        var shown = sidebar.classList.toggle("tp-shown");
        menu.setAttribute("aria-expanded", String(shown));
      });
    }
  });
})();
