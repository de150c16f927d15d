// The Notify simulator: buttons and keys that operate a model of
// tokio::sync::Notify (notify-model.js, checked against the real one), a
// view of its permit, queue and futures, and a log of what tokio returns.
// A page embeds it with <div class="notify-sim" data-sim="n.p1.o">; a link
// to "#sim=n.p1.o" loads that scenario. No framework, no build step.
(function () {
  "use strict";
  var M = window.NotifyModel;
  if (!M || window.NotifySim) return; // print.html loads this once per chapter
  window.NotifySim = true;

  var KEYS = "Keys, with the focus in the simulator: n new future; 1\u20136 choose a future, then e enable, p poll, d drop; o notify_one, l notify_last, w notify_waiters; u undo, r reset.";
  var RING = { o: "notify_one()", l: "notify_last()", a: "notify_waiters()" };
  var STATE = {
    i: "created, not registered",
    b: "created; a later notify_waiters() completed it",
    w: "registered",
    o: "notified by notify_one(), not yet polled",
    l: "notified by notify_last(), not yet polled",
    a: "notified by notify_waiters(), not yet polled",
    d: "completed",
    x: "dropped"
  };
  var origin = null; // the link that loaded the current scenario
  var widgets = [];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "on") node.addEventListener("click", attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function code(text) { return el("code", { text: text }); }
  function names(list) { return list.map(function (n) { return "f" + n; }).join(", "); }
  function woke(step) { return step.woke.length ? "; woke " + names(step.woke) : ""; }

  // What the step looks like in Rust, what tokio returned, and why.
  function describe(step, before) {
    var f = "f" + step.n;
    switch (step.op) {
      case "n":
        return ["let " + f + " = notify.notified();", "", "created, not registered"];
      case "e":
      case "p":
        var call = step.op === "e" ? f + ".as_mut().enable()" : f + ".as_mut().poll(cx)";
        var value = step.op === "e" ? String(step.ready) : step.ready ? "Ready(())" : "Pending";
        var why = step.ready
          ? step.by === "permit" ? "took the stored permit"
            : step.by === "done" ? "already completed: it stays ready"
            : "completed by " + RING[step.by]
          : (before === "w" ? "still registered, " : "registered, ") + "position " + step.position + " in the queue";
        if (step.op === "e" && !step.ready && before !== "w") why += " (enable() leaves no waker)";
        return [call, value, why];
      case "d":
        var drop = before === "w" ? "left the queue"
          : step.passed ? "it had not seen its " + RING[step.passed] + ": passed it on"
          : before === "a" ? "a notify_waiters() is not passed on"
          : "nothing else changes";
        if (step.passed) drop += step.picked ? " to f" + step.picked : step.permit === "stored" ? ": stored the permit" : ": a permit was already stored";
        return ["drop(" + f + ");", "", drop + woke(step)];
      case "w":
        return ["notify.notify_waiters();", "",
          (step.reached.length ? "completed " + names(step.reached) : "reached no future") + woke(step)];
      default:
        return ["notify." + RING[step.op] + ";", "",
          step.picked ? "picked f" + step.picked + (step.woke.length ? " and woke it" : " (no waker to wake: only enabled)")
            : step.permit === "stored" ? "nobody registered: stored the permit"
            : "nobody registered, a permit was already stored: no change"];
    }
  }

  function Sim(root) {
    this.root = root;
    this.ops = [];
    this.history = [];
    this.selected = 0;
    this.logged = [];
    var self = this;
    var id = "notify-sim-" + widgets.length;
    function button(label, key, title, action) {
      return el("button", { type: "button", "aria-keyshortcuts": key, title: title + " (key " + key + ")", "data-key": key, on: action }, [label]);
    }
    function act(op) { return function () { self.act(op); }; }
    this.bar = el("div", { class: "sim-bar", role: "group", "aria-label": "Notify operations" }, [
      button("notify.notified()", "n", "Create a Notified future", act({ op: "n" })),
      button("notify_one()", "o", "Call notify_one", act({ op: "o" })),
      button("notify_last()", "l", "Call notify_last", act({ op: "l" })),
      button("notify_waiters()", "w", "Call notify_waiters", act({ op: "w" })),
      button("Undo", "u", "Undo the last step", function () { self.undo(); }),
      button("Reset", "r", "Start again with a new Notify", function () { self.load([]); })
    ]);
    this.permit = el("span", { class: "sim-permit" });
    this.queue = el("ol", { class: "sim-queue", "aria-label": "Queue of waiters, oldest first" });
    this.futures = el("ul", { class: "sim-futures", "aria-label": "Futures" });
    this.log = el("ol", { class: "sim-log", "aria-live": "polite", "aria-label": "Operations and what tokio returned" });
    this.share = el("a", { class: "sim-share", href: "#sim=" }, ["Link to this case"]);
    this.back = el("button", { type: "button", class: "sim-back", hidden: "", on: function () { self.goBack(); } }, ["Back to the text"]);
    this.caption = el("ol", { class: "sim-steps" });
    this.name = el("p", { class: "sim-case", tabindex: "-1", hidden: "" });
    this.ui = el("section", { class: "sim-ui", "aria-labelledby": id }, [
      el("p", { class: "sim-title", id: id }, [el("strong", { text: "Notify simulator" }), " \u2014 tokio 1.54.1, checked against the real thing"]),
      this.name,
      this.bar,
      el("div", { class: "sim-state" }, [
        el("p", {}, ["Permit: ", this.permit]),
        el("div", { class: "sim-queue-line" }, [el("span", { text: "Queue, oldest first: " }), this.queue]),
        this.futures
      ]),
      this.log,
      el("p", { class: "sim-foot" }, [this.share, " ", this.back, el("span", { class: "sim-keys", text: KEYS })])
    ]);
    var print = root.querySelector(".sim-print") || root.appendChild(el("div", { class: "sim-print" }));
    print.appendChild(el("p", { text: "The case it shows, step by step:" }));
    print.appendChild(this.caption);
    this.after = print.appendChild(el("p"));
    root.appendChild(this.ui);
    root.classList.add("sim-box", "sim-ready");
    root.addEventListener("keydown", function (e) { self.key(e); });
    root.addEventListener("focusin", function (e) {
      var row = e.target.closest && e.target.closest("[data-future]");
      if (row) self.select(Number(row.getAttribute("data-future")));
    });
    this.load(M.parse(root.getAttribute("data-sim") || ""), true);
  }

  Sim.prototype.alive = function (n) {
    var f = this.notify.futures[n - 1];
    return f && f.state !== "dropped";
  };

  Sim.prototype.act = function (op) {
    if (op.op === "n" && this.notify.futures.length >= M.MAX_FUTURES) return;
    if (op.n === 0 || (op.op !== "n" && op.n && !this.alive(op.n))) return;
    if (op.op === "n") op = { op: "n", n: this.notify.futures.length + 1 };
    this.history.push(this.ops);
    this.ops = this.ops.concat([op]);
    if (op.op === "n") this.selected = op.n;
    this.render();
  };

  Sim.prototype.undo = function () {
    if (!this.history.length) return;
    this.ops = this.history.pop();
    this.render();
  };

  Sim.prototype.load = function (ops, initial) {
    if (!initial) this.history.push(this.ops);
    this.ops = ops;
    this.selected = 0;
    this.render();
  };

  Sim.prototype.select = function (n) {
    this.selected = n;
    Array.prototype.forEach.call(this.futures.children, function (row) {
      if (Number(row.getAttribute("data-future")) === n) row.setAttribute("aria-current", "true");
      else row.removeAttribute("aria-current");
    });
  };

  Sim.prototype.key = function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key.toLowerCase();
    var n = this.selected;
    if (/^[1-6]$/.test(k)) {
      var target = this.futures.querySelector('[data-future="' + k + '"] button');
      this.select(Number(k));
      if (target) target.focus();
    } else if ("nolw".indexOf(k) >= 0) this.act({ op: k });
    else if ("epd".indexOf(k) >= 0) this.act({ op: k, n: n });
    else if (k === "u") this.undo();
    else if (k === "r") this.load([]);
    else if (k === "arrowleft" || k === "arrowright") {
      // Move between the buttons (rather than let mdBook turn the page).
      var buttons = Array.prototype.slice.call(this.ui.querySelectorAll("button:not(:disabled):not([hidden])"));
      var at = buttons.indexOf(document.activeElement) + (k === "arrowright" ? 1 : -1);
      if (buttons[at]) buttons[at].focus();
    } else return;
    e.preventDefault();
    e.stopPropagation(); // keep mdBook's own shortcuts out of it
  };

  Sim.prototype.goBack = function () {
    if (origin) {
      origin.scrollIntoView({ block: "center" });
      origin.focus();
    }
    this.back.hidden = true;
  };

  Sim.prototype.render = function () {
    var self = this;
    this.name.hidden = true; // fromAddress shows the name of a case it loads
    var focused = this.root.contains(document.activeElement) && document.activeElement.getAttribute("data-key");
    var notify = new M.Notify();
    var entries = this.ops.map(function (op) {
      var before = op.n && notify.futures[op.n - 1] ? notify.letter(notify.futures[op.n - 1]) : "";
      return describe(notify.apply(op), before);
    });
    this.notify = notify;
    if (!this.alive(this.selected)) {
      var last = notify.futures.filter(function (f) { return f.state !== "dropped"; }).pop();
      this.selected = last ? last.n : 0;
    }

    this.permit.textContent = notify.permit ? "stored" : "none";
    this.permit.className = "sim-permit" + (notify.permit ? " sim-on" : "");

    this.queue.textContent = "";
    notify.queue.forEach(function (f) { self.queue.appendChild(el("li", { text: "f" + f.n })); });
    if (!notify.queue.length) this.queue.appendChild(el("li", { class: "sim-empty", text: "empty" }));

    this.futures.textContent = "";
    var after = [];
    notify.futures.forEach(function (f) {
      var letter = notify.letter(f);
      var label = STATE[letter];
      if (letter === "w") label += ", position " + (notify.queue.indexOf(f) + 1) + (f.waker ? ", has a waker" : ", enabled (no waker)");
      after.push("f" + f.n + " " + label);
      var row = el("li", { "data-future": f.n, class: "sim-f-" + letter }, [
        el("span", { class: "sim-name", text: "f" + f.n }), " ",
        el("span", { class: "sim-fstate", text: label })
      ]);
      if (letter !== "x") {
        ["enable()", "poll", "drop"].forEach(function (what) {
          var op = what.charAt(0);
          row.appendChild(el("button", {
            type: "button", "data-key": op + f.n, "aria-label": what.replace("()", "") + " f" + f.n,
            on: function () { self.act({ op: op, n: f.n }); }
          }, [what]));
        });
      }
      self.futures.appendChild(row);
    });
    this.select(this.selected);
    this.after.textContent = "After the last step: permit " + this.permit.textContent + "; queue " +
      (names(notify.queue.map(function (f) { return f.n; })) || "empty") + (after.length ? "; " + after.join("; ") : "") + ".";

    // The log: keep the entries that did not change (a screen reader hears
    // only what is added), then add the new ones.
    var keep = 0;
    while (keep < this.logged.length && keep < entries.length && this.logged[keep] === entries[keep].join("|")) keep++;
    while (this.log.children.length > keep) this.log.removeChild(this.log.lastChild);
    this.caption.textContent = "";
    entries.forEach(function (entry, i) {
      var parts = [code(entry[0])];
      if (entry[1]) parts.push(" \u2192 ", code(entry[1]));
      if (entry[2]) parts.push(el("span", { class: "sim-why", text: " \u2014 " + entry[2] }));
      if (i >= keep) self.log.appendChild(el("li", {}, parts));
      self.caption.appendChild(el("li", {}, parts.map(function (p) { return typeof p === "string" ? p : p.cloneNode(true); })));
    });
    if (!entries.length) this.caption.appendChild(el("li", { text: "(no step yet)" }));
    this.logged = entries.map(function (e) { return e.join("|"); });
    this.log.scrollTop = this.log.scrollHeight;

    this.share.setAttribute("href", "#sim=" + M.format(this.ops));
    var full = notify.futures.length >= M.MAX_FUTURES;
    this.bar.querySelector('[data-key="n"]').disabled = full;
    this.bar.querySelector('[data-key="u"]').disabled = !this.history.length;
    if (focused) {
      var again = this.root.querySelector('[data-key="' + focused + '"]:not(:disabled)');
      (again || this.bar.querySelector("button:not(:disabled)")).focus();
    }
  };

  Sim.prototype.error = function (message) {
    this.log.appendChild(el("li", { class: "sim-error", text: "This link's scenario cannot be run: " + message }));
    this.logged.push("error");
  };

  // A link to #sim=... loads its scenario in every simulator of the page.
  function fromAddress() {
    var match = /(?:^#|[-#])sim=([A-Za-z0-9.]*)/.exec(location.hash);
    if (!match || !widgets.length) return;
    var ops;
    try {
      ops = M.parse(match[1]);
    } catch (problem) {
      widgets.forEach(function (w) { w.error(problem.message); });
      return;
    }
    widgets.forEach(function (w) {
      w.load(ops);
      w.back.hidden = !origin;
      w.name.hidden = !origin;
      w.name.textContent = origin ? "Case: " + origin.textContent.replace(/\s+/g, " ") : "";
    });
    widgets[0].root.scrollIntoView({ block: "start" });
    // Whoever followed a link goes on from the simulator (and "Back" returns).
    if (origin) widgets[0].name.focus({ preventScroll: true });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".notify-sim:not(.sim-ready)"), function (root) {
      widgets.push(new Sim(root));
    });
    document.addEventListener("click", function (e) {
      var link = e.target.closest && e.target.closest('a[href*="#sim="]');
      if (!link || e.button !== 0 || widgets.some(function (w) { return w.root.contains(link); })) return;
      origin = link;
      if (link.hash === location.hash) fromAddress(); // no hashchange for the same address
    });
    window.addEventListener("hashchange", fromAddress);
    fromAddress();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
