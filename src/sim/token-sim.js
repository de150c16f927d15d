// The CancellationToken simulator: buttons and keys that operate a model of
// a tree of tokens (token-model.js, checked against tokio-util's), a view
// of the tree, its tokens, guards and waiting futures, and a log. A page
// embeds it with <div class="token-sim" data-tok="t.c1.x1">; a link to
// "#tok=t.c1.x1" loads that case. Styles: sim.css. No framework.
(function () {
  "use strict";
  var M = window.TokenModel;
  if (!M || window.TokenSim) return; // print.html loads this once per chapter
  window.TokenSim = true;

  var KEYS = "Keys, with the focus in the simulator: t new token; 1\u20136 choose a token, then c child_token, x cancel, g drop_guard, h drop the guard, a disarm, w cancelled_owned, d drop; Tab to a future's buttons; u undo, r reset.";
  var origin = null;
  var widgets = [];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "on") node.addEventListener("click", attrs[k]);
      else if (attrs[k] !== null) node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function names(list, prefix) { return list.map(function (n) { return prefix + n; }).join(", "); }

  // What the step looks like in Rust, what it returned, and what happened.
  function describe(step) {
    var t = "t" + step.n;
    var woke = step.woke.length ? "; woke " + names(step.woke, "f") : "";
    var cancelled = step.cancelled && step.cancelled.length ? "cancelled " + names(step.cancelled, "t") + woke : "already cancelled: nothing changes";
    switch (step.op) {
      case "t": return ["let t" + step.n + " = CancellationToken::new();", "", "live"];
      case "c": return ["let t" + step.child + " = " + t + ".child_token();", "", step.startsCancelled ? "starts cancelled, like its parent" : "live; cancelling " + t + " cancels it too"];
      case "x": return [t + ".cancel();", "", cancelled];
      case "d": return ["drop(" + t + ");", "", "cancels nothing"];
      case "g": return ["let g" + step.n + " = " + t + ".clone().drop_guard();", "", "armed"];
      case "h": return ["drop(g" + step.n + ");", "", "the guard calls cancel(): " + cancelled];
      case "a": return ["g" + step.n + ".disarm();", "", "gives the token back, cancels nothing"];
      case "w": return ["let f" + step.future + " = " + t + ".clone().cancelled_owned();", "", "created; waits on " + t];
      case "p": return ["f" + step.n + ".as_mut().poll(cx)", step.ready ? "Ready(())" : "Pending",
        step.ready ? "t" + step.token + " is cancelled" : "t" + step.token + " is not cancelled: waits, with a waker"];
      default: return ["drop(f" + step.n + ");", "", "stops waiting"];
    }
  }

  function Sim(root) {
    this.root = root;
    this.ops = [];
    this.history = [];
    this.selected = 0;
    this.logged = [];
    var self = this;
    var id = "token-sim-" + widgets.length;
    this.bar = el("div", { class: "sim-bar", role: "group", "aria-label": "Token operations" }, [
      el("button", { type: "button", "data-key": "t", "aria-keyshortcuts": "t", on: function () { self.act({ op: "t" }); } }, ["CancellationToken::new()"]),
      el("button", { type: "button", "data-key": "u", "aria-keyshortcuts": "u", on: function () { self.undo(); } }, ["Undo"]),
      el("button", { type: "button", "data-key": "r", "aria-keyshortcuts": "r", on: function () { self.load([]); } }, ["Reset"])
    ]);
    this.tree = el("ul", { class: "sim-tree", "aria-label": "Tokens, children under their parent" });
    this.log = el("ol", { class: "sim-log", "aria-live": "polite", "aria-label": "Operations and what they did" });
    this.share = el("a", { class: "sim-share", href: "#tok=" }, ["Link to this case"]);
    this.back = el("button", { type: "button", class: "sim-back", hidden: "", on: function () { self.goBack(); } }, ["Back to the text"]);
    this.name = el("p", { class: "sim-case", tabindex: "-1", hidden: "" });
    this.caption = el("ol", { class: "sim-steps" });
    this.ui = el("section", { class: "sim-ui", "aria-labelledby": id }, [
      el("p", { class: "sim-title", id: id }, [el("strong", { text: "CancellationToken simulator" }), " \u2014 tokio-util 0.7.20, checked against the real thing"]),
      this.name,
      this.bar,
      this.tree,
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
      var row = e.target.closest && e.target.closest("[data-token]");
      if (row) self.select(Number(row.getAttribute("data-token")));
    });
    this.load(M.parse(root.getAttribute("data-tok") || ""), true);
  }

  // Whether `op` can happen now (the model's parser knows the rules).
  Sim.prototype.can = function (op) {
    try {
      M.parse(M.format(this.ops.concat([op])));
      return true;
    } catch (e) {
      return false;
    }
  };

  Sim.prototype.act = function (op) {
    if (!this.can(op)) return;
    this.history.push(this.ops);
    this.ops = this.ops.concat([op]);
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
    Array.prototype.forEach.call(this.tree.querySelectorAll("[data-token]"), function (row) {
      if (Number(row.getAttribute("data-token")) === n) row.setAttribute("aria-current", "true");
      else row.removeAttribute("aria-current");
    });
  };

  Sim.prototype.key = function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key.toLowerCase();
    if (/^[1-6]$/.test(k)) {
      var target = this.tree.querySelector('[data-token="' + k + '"] button');
      this.select(Number(k));
      if (target) target.focus();
    } else if (k === "t") this.act({ op: "t" });
    else if ("cxdghaw".indexOf(k) >= 0 && k.length === 1) this.act({ op: k, n: this.selected });
    else if (k === "u") this.undo();
    else if (k === "r") this.load([]);
    else if (k === "arrowleft" || k === "arrowright") {
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
    this.name.hidden = true;
    var focused = this.root.contains(document.activeElement) && document.activeElement.getAttribute("data-key");
    var tree = new M.Tree();
    var entries = this.ops.map(function (op) { return describe(tree.apply(op)); });
    this.model = tree;
    var selectable = tree.tokens.filter(function (t) { return !t.dropped || t.guard; });
    if (!selectable.some(function (t) { return t.n === self.selected; })) {
      this.selected = selectable.length ? selectable[selectable.length - 1].n : 0;
    }

    var after = [];
    function button(label, op, n, what) {
      return el("button", {
        type: "button", "data-key": op + n, "aria-label": what, disabled: self.can({ op: op, n: n }) ? null : "",
        on: function () { self.act({ op: op, n: n }); }
      }, [label]);
    }
    function node(t) {
      var state = t.cancelled ? "cancelled" : "live";
      if (t.dropped) state += ", dropped (the node lives on while anything holds it)";
      if (t.guard) state += ", guarded by g" + t.n;
      after.push("t" + t.n + " " + state);
      var row = el("div", { class: "sim-row", "data-token": t.n }, [
        el("span", { class: "sim-name", text: "t" + t.n }), " ",
        el("span", { class: "sim-fstate", text: state })
      ]);
      var tn = "t" + t.n;
      [["child_token()", "c", "child token of " + tn], ["cancel()", "x", "cancel " + tn], ["cancelled_owned()", "w", "wait on " + tn],
        [t.guard ? "drop guard" : "drop_guard()", t.guard ? "h" : "g", t.guard ? "drop the guard of " + tn : "drop guard for " + tn],
        ["disarm()", "a", "disarm the guard of " + tn], ["drop", "d", "drop " + tn]].forEach(function (b) {
        if ((b[1] === "a" && !t.guard) || (t.dropped && b[1] !== "h" && b[1] !== "a")) return;
        row.appendChild(button(b[0], b[1], t.n, b[2]));
      });
      var item = el("li", {}, [row]);
      var futures = tree.futures.filter(function (f) { return f.token === t.n; });
      var kids = tree.tokens.filter(function (c) { return c.parent === t.n; });
      if (futures.length || kids.length) {
        var list = el("ul");
        futures.forEach(function (f) {
          var fstate = { created: "created, not polled", waiting: f.waker ? "waiting, with a waker" : "woken, not yet polled", done: "ready", dropped: "dropped" }[f.state];
          after.push("f" + f.n + " " + fstate);
          var frow = el("div", { class: "sim-row sim-future", "data-future": f.n }, [
            el("span", { class: "sim-name", text: "f" + f.n }), " ", el("span", { class: "sim-fstate", text: fstate })
          ]);
          if (f.state !== "dropped") {
            frow.appendChild(button("poll", "p", f.n, "poll f" + f.n));
            frow.appendChild(button("drop", "f", f.n, "drop f" + f.n));
          }
          list.appendChild(el("li", {}, [frow]));
        });
        kids.forEach(function (c) { list.appendChild(node(c)); });
        item.appendChild(list);
      }
      return item;
    }
    this.tree.textContent = "";
    tree.tokens.filter(function (t) { return !t.parent; }).forEach(function (t) { self.tree.appendChild(node(t)); });
    if (!tree.tokens.length) this.tree.appendChild(el("li", { class: "sim-empty", text: "No token yet." }));
    this.select(this.selected);
    this.after.textContent = "After the last step: " + (after.join("; ") || "no token") + ".";

    var keep = 0;
    while (keep < this.logged.length && keep < entries.length && this.logged[keep] === entries[keep].join("|")) keep++;
    while (this.log.children.length > keep) this.log.removeChild(this.log.lastChild);
    this.caption.textContent = "";
    entries.forEach(function (entry, i) {
      var parts = [el("code", { text: entry[0] })];
      if (entry[1]) parts.push(" \u2192 ", el("code", { text: entry[1] }));
      parts.push(el("span", { class: "sim-why", text: " \u2014 " + entry[2] }));
      if (i >= keep) self.log.appendChild(el("li", {}, parts));
      self.caption.appendChild(el("li", {}, parts.map(function (p) { return typeof p === "string" ? p : p.cloneNode(true); })));
    });
    if (!entries.length) this.caption.appendChild(el("li", { text: "(no step yet)" }));
    this.logged = entries.map(function (e) { return e.join("|"); });
    this.log.scrollTop = this.log.scrollHeight;

    this.share.setAttribute("href", "#tok=" + M.format(this.ops));
    this.bar.querySelector('[data-key="t"]').disabled = tree.tokens.length >= M.MAX;
    this.bar.querySelector('[data-key="u"]').disabled = !this.history.length;
    if (focused) {
      var again = this.root.querySelector('[data-key="' + focused + '"]:not(:disabled)');
      (again || this.bar.querySelector("button:not(:disabled)")).focus();
    }
  };

  Sim.prototype.error = function (message) {
    this.log.appendChild(el("li", { class: "sim-error", text: "This link's case cannot be run: " + message }));
    this.logged.push("error");
  };

  function fromAddress() {
    var match = /(?:^#|[-#])tok=([A-Za-z0-9.]*)/.exec(location.hash);
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
    if (origin) widgets[0].name.focus({ preventScroll: true });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".token-sim:not(.sim-ready)"), function (root) {
      widgets.push(new Sim(root));
    });
    document.addEventListener("click", function (e) {
      var link = e.target.closest && e.target.closest('a[href*="#tok="]');
      if (!link || e.button !== 0 || widgets.some(function (w) { return w.root.contains(link); })) return;
      origin = link;
      if (link.hash === location.hash) fromAddress();
    });
    window.addEventListener("hashchange", fromAddress);
    fromAddress();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
