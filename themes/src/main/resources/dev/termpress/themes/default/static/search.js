// termpress default theme: the search box. Opens on its button, "/" or Ctrl-K (Cmd-K). When it first opens,
// or earlier when a pointer enters its button or focus reaches it, it loads minisearch and the site's index
// (both relative to the page, so any base path works, and nothing but the site's own files is fetched), then
// ranks pages by title, headings, text and the commands of their demo blocks. Arrow keys move through the
// results, Enter opens one, Escape closes.
(function () {
  "use strict";
  var MAX_RESULTS = 12;
  var INDEX_VERSION = 1;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(script);
    });
  }

  function loadIndex(button) {
    var engine = window.MiniSearch ? Promise.resolve() : loadScript(button.getAttribute("data-engine"));
    // The index keeps its name across builds: revalidate it rather than take a cached copy.
    var data = fetch(button.getAttribute("data-index"), { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error("the index answered " + response.status);
      return response.json();
    });
    return Promise.all([engine, data]).then(function (loaded) {
      var index = loaded[1];
      if (index.version !== INDEX_VERSION) throw new Error("index version " + index.version + " is not " + INDEX_VERSION);
      var search = new window.MiniSearch({
        fields: ["t", "h", "b", "c"],
        storeFields: ["u", "t", "b", "c"],
        searchOptions: { boost: { t: 4, h: 2, c: 2 }, prefix: true, fuzzy: 0.2, combineWith: "AND" }
      });
      search.addAll(index.pages);
      return search;
    });
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // Appends text to parent with every match of pattern in a <mark>; built from text nodes, never HTML.
  function appendMarked(parent, text, pattern) {
    var last = 0;
    text.replace(pattern, function (match, offset) {
      if (offset > last) parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var mark = document.createElement("mark");
      mark.textContent = match;
      parent.appendChild(mark);
      last = offset + match.length;
      return match;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // A window of the body around the first matched term, or the matching command, or the body's start.
  function excerpt(result, pattern) {
    var body = result.b || "";
    pattern.lastIndex = 0;
    var found = pattern.exec(body);
    if (!found && result.c) {
      var commands = result.c.split("\n");
      for (var i = 0; i < commands.length; i++) {
        pattern.lastIndex = 0;
        if (pattern.test(commands[i])) return "$ " + commands[i];
      }
    }
    var at = found ? found.index : 0;
    var start = Math.max(0, at - 60);
    var end = Math.min(body.length, at + 120);
    return (start > 0 ? "…" : "") + body.slice(start, end).replace(/\s+/g, " ") + (end < body.length ? "…" : "");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".tp-search-open");
    var dialog = document.querySelector(".tp-search");
    if (!button || !dialog || typeof dialog.showModal !== "function") return;
    var input = dialog.querySelector(".tp-search-input");
    var list = dialog.querySelector(".tp-search-results");
    var status = dialog.querySelector(".tp-search-status");
    var root = button.getAttribute("data-root") || "";
    var index = null;
    var selected = -1;

    function select(n) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) { selected = -1; input.removeAttribute("aria-activedescendant"); return; }
      selected = (n + options.length) % options.length;
      for (var i = 0; i < options.length; i++) options[i].setAttribute("aria-selected", String(i === selected));
      input.setAttribute("aria-activedescendant", options[selected].id);
      options[selected].scrollIntoView({ block: "nearest" });
    }

    function show(query) {
      list.textContent = "";
      selected = -1;
      if (!index || !query.trim()) {
        input.setAttribute("aria-expanded", "false");
        status.textContent = index ? "" : status.textContent;
        return;
      }
      var results = index.search(query).slice(0, MAX_RESULTS);
      var terms = {};
      results.forEach(function (r) { r.terms.forEach(function (t) { terms[t] = true; }); });
      query.split(/\s+/).forEach(function (t) { if (t) terms[t.toLowerCase()] = true; });
      var words = Object.keys(terms).sort(function (a, b) { return b.length - a.length; }).map(escapeRegExp);
      var pattern = new RegExp(words.join("|"), "gi");
      results.forEach(function (result, n) {
        var item = document.createElement("li");
        item.id = "tp-search-result-" + n;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        var link = document.createElement("a");
        link.href = root + result.u;
        link.tabIndex = -1;
        var title = document.createElement("span");
        title.className = "tp-search-title";
        appendMarked(title, result.t, pattern);
        var text = document.createElement("span");
        text.className = "tp-search-excerpt";
        appendMarked(text, excerpt(result, pattern), pattern);
        link.appendChild(title);
        link.appendChild(text);
        item.appendChild(link);
        list.appendChild(item);
      });
      input.setAttribute("aria-expanded", String(results.length > 0));
      status.textContent = results.length ? results.length + (results.length === 1 ? " page" : " pages")
          : "No pages match \u201c" + query + "\u201d.";
      if (results.length) select(0);
    }

    var loading = null;
    // Starts loading the index once; a pointer over the button or focus on it is a reader about to search.
    function load() {
      if (!loading) {
        loading = loadIndex(button).then(function (loaded) {
          index = loaded;
          if (dialog.open) { status.textContent = ""; show(input.value); }
        }, function (error) {
          loading = null; // the next opening tries again
          status.textContent = "Search is not available: " + error.message;
        });
      }
      return loading;
    }

    function open() {
      if (!dialog.open) dialog.showModal();
      input.focus();
      input.select();
      if (index) return;
      status.textContent = "Loading the search index\u2026";
      load();
    }

    button.addEventListener("pointerenter", load);
    button.addEventListener("focus", load);
    button.addEventListener("click", open);
    dialog.querySelector(".tp-search-close").addEventListener("click", function () { dialog.close(); });
    // A click on the backdrop (outside the dialog's box) closes it.
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    dialog.addEventListener("close", function () { button.focus(); });
    input.addEventListener("input", function () { show(input.value); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { select(selected + 1); event.preventDefault(); }
      else if (event.key === "ArrowUp") { select(selected - 1); event.preventDefault(); }
      // A search field's own Escape only empties it; here Escape always closes, as the hint says.
      else if (event.key === "Escape") { event.preventDefault(); dialog.close(); }
      else if (event.key === "Enter") {
        event.preventDefault();
        var options = list.querySelectorAll("[role=option] a");
        if (options.length) window.location.href = options[Math.max(0, selected)].href;
      }
    });
    list.addEventListener("mousemove", function (event) {
      var option = event.target.closest ? event.target.closest("[role=option]") : null;
      if (option) select(Array.prototype.indexOf.call(list.children, option));
    });

    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      // Ctrl-K is the shell's kill-line: a live terminal keeps it.
      var inTerminal = target && target.closest && target.closest(".xterm, .tp-demo");
      if ((event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey) && !event.altKey && !inTerminal) {
        event.preventDefault();
        open();
      } else if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && !dialog.open) {
        event.preventDefault();
        open();
      }
    });
  });
})();
