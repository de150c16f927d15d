// A model of a tree of tokio_util::sync::CancellationTokens (tokio-util
// 0.7.20): which tokens are cancelled, and which waiting futures a cancel
// wakes. The token simulator in the book runs this file; so does the test
// that replays 10,000 sequences recorded from the real tokens and requires
// the same results (browser-tests/simulator.test.mjs, data/token-fixture.txt).
(function (root) {
  "use strict";

  var MAX = 6; // tokens, and futures

  // A case, as the book links it: "t.c1.w2.p1.x1" (separators optional).
  //   t   let tN = CancellationToken::new();      cK  let tN = tK.child_token();
  //   xK  tK.cancel();     dK  drop(tK);     gK hK aK  tK's drop guard: make,
  //   drop, disarm         wK  let fN = tK.clone().cancelled_owned();
  //   pN  poll fN once     fN  drop(fN)
  function parse(text) {
    var ops = [];
    var tokens = [];
    var futures = 0;
    var gone = {};
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i).toLowerCase();
      if (c === ".") continue;
      var step = "step " + (ops.length + 1) + ": ";
      if (c === "t") {
        if (tokens.length === MAX) throw new Error(step + "at most " + MAX + " tokens");
        tokens.push({});
        ops.push({ op: "t", n: tokens.length });
        continue;
      }
      var n = Number(text.charAt(++i));
      var token = n >= 1 && n <= tokens.length && !tokens[n - 1].dropped ? tokens[n - 1] : null;
      var ok = "cxdgw".indexOf(c) >= 0 ? token : c === "h" || c === "a" ? tokens[n - 1] && tokens[n - 1].guard : c === "p" || c === "f" ? n >= 1 && n <= futures && !gone[n] : false;
      if (c === "g" && token && token.guard) ok = false;
      if ((c === "c" && tokens.length === MAX) || (c === "w" && futures === MAX)) ok = false;
      if (!ok) throw new Error(step + "`" + c + (isNaN(n) ? "" : n) + "` cannot happen here");
      if (c === "c") tokens.push({});
      if (c === "d") token.dropped = true;
      if (c === "g") token.guard = true;
      if (c === "h" || c === "a") tokens[n - 1].guard = false;
      if (c === "w") futures++;
      if (c === "f") gone[n] = true;
      ops.push({ op: c, n: n });
    }
    return ops;
  }

  function format(ops) {
    return ops.map(function (o) { return o.op === "t" ? "t" : o.op + o.n; }).join(".");
  }

  // --- The tree -------------------------------------------------------------
  // A token: parent (its number, or 0), cancelled, dropped (our handle is
  // gone; the node lives on for guards, futures and children), guard.
  // A future: token, state ("created", "waiting", "done", "dropped"), and
  // waker (whether the token's Notify holds its waker: it was polled and
  // returned Pending, and no cancel has woken it since).

  function Tree() {
    this.tokens = [];
    this.futures = [];
  }

  Tree.prototype.token = function (parent) {
    var cancelled = parent ? this.tokens[parent - 1].cancelled : false;
    this.tokens.push({ n: this.tokens.length + 1, parent: parent, cancelled: cancelled, dropped: false, guard: false });
    return { op: parent ? "c" : "t", n: parent || this.tokens.length, child: this.tokens.length, startsCancelled: cancelled, woke: [] };
  };

  // tree_node::cancel: the token and every descendant not yet cancelled
  // become cancelled, and their Notify's notify_waiters() wakes every
  // future that waits on them. A dropped token in between passes its
  // children on to its parent, so it does not stop the cancel.
  Tree.prototype.cancel = function (n, step) {
    var self = this;
    step.cancelled = [];
    function under(t) {
      for (; t; t = t.parent ? self.tokens[t.parent - 1] : null) if (t.n === n) return true;
      return false;
    }
    this.tokens.forEach(function (t) {
      if (!t.cancelled && under(t)) {
        t.cancelled = true;
        step.cancelled.push(t.n);
      }
    });
    this.futures.forEach(function (f) {
      if (f.waker && self.tokens[f.token - 1].cancelled) {
        f.waker = false;
        step.woke.push(f.n);
      }
    });
    return step;
  };

  // WaitForCancellationFutureOwned::poll: ready once the token is
  // cancelled; otherwise it waits on the token's Notify, with this waker.
  Tree.prototype.poll = function (n) {
    var f = this.futures[n - 1];
    var step = { op: "p", n: n, token: f.token, woke: [] };
    step.ready = this.tokens[f.token - 1].cancelled;
    f.state = step.ready ? "done" : "waiting";
    f.waker = !step.ready;
    return step;
  };

  Tree.prototype.apply = function (o) {
    var step = { op: o.op, n: o.n, woke: [] };
    var t = this.tokens[o.n - 1];
    switch (o.op) {
      case "t": return this.token(0);
      case "c": return this.token(o.n);
      case "x": return this.cancel(o.n, step);
      case "d": t.dropped = true; return step;
      case "g": t.guard = true; return step;
      case "a": t.guard = false; return step;
      case "h": t.guard = false; return this.cancel(o.n, step); // DropGuard's drop cancels
      case "w":
        this.futures.push({ n: this.futures.length + 1, token: o.n, state: "created", waker: false });
        step.future = this.futures.length;
        return step;
      case "p": return this.poll(o.n);
      default: // "f": a dropped future leaves the token's Notify
        var f = this.futures[o.n - 1];
        f.state = "dropped";
        f.waker = false;
        return step;
    }
  };

  Tree.prototype.letter = function (t) {
    return t.dropped ? "x" : t.cancelled ? "c" : "l";
  };

  function token(step) {
    var t = step.op === "t" ? "t" : (step.op === "p" && step.ready ? "P" : step.op) + step.n;
    return t + step.woke.slice().sort().map(function (n) { return "+" + n; }).join("");
  }

  function run(ops) {
    var tree = new Tree();
    var steps = ops.map(function (o) { return tree.apply(o); });
    return { tree: tree, steps: steps };
  }

  // The fixture line (without its `book:` key) that tokio-util writes for `ops`.
  function line(ops) {
    var result = run(ops);
    var tree = result.tree;
    var tokens = tree.tokens.map(function (t) { return tree.letter(t); }).join("");
    return result.steps.map(token).join("") + " " + (tokens || "-");
  }

  var TokenModel = { MAX: MAX, parse: parse, format: format, Tree: Tree, run: run, line: line };
  if (typeof module === "object" && module.exports) module.exports = TokenModel;
  else root.TokenModel = TokenModel;
})(this);
