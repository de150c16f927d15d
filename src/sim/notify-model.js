// A model of tokio::sync::Notify (tokio 1.54.1), as one task sees it: the
// permit, the queue of registered waiters and each Notified future, step by
// step. The simulator in the book runs this file; so does the test that
// replays 10,000 sequences recorded from the real Notify and requires the
// same results (browser-tests/simulator.test.mjs, data/simulator-fixture.txt).
// Each rule names the place in tokio's src/sync/notify.rs that it mirrors.
(function (root) {
  "use strict";

  var MAX_FUTURES = 6;

  // A scenario, as the book links it: "n.n.p1.o" (separators optional).
  //   n       let fN = notify.notified();   N = 1, 2, ... in order of creation
  //   eN      fN.as_mut().enable()
  //   pN      poll fN once
  //   dN      drop(fN)
  //   o l w   notify_one(), notify_last(), notify_waiters()
  // Throws an Error naming the first operation that cannot happen.
  function parse(text) {
    var ops = [];
    var created = 0;
    var dropped = {};
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i).toLowerCase();
      if (c === ".") continue;
      var step = ops.length + 1;
      if (c === "n") {
        if (created === MAX_FUTURES) throw new Error("step " + step + ": at most " + MAX_FUTURES + " futures");
        ops.push({ op: "n", n: ++created });
      } else if (c === "o" || c === "l" || c === "w") {
        ops.push({ op: c });
      } else if (c === "e" || c === "p" || c === "d") {
        var n = Number(text.charAt(++i));
        if (!(n >= 1 && n <= created) || dropped[n]) {
          throw new Error("step " + step + ": `" + c + "` needs a future that exists and is not dropped");
        }
        if (c === "d") dropped[n] = true;
        ops.push({ op: c, n: n });
      } else {
        throw new Error("step " + step + ": `" + c + "` is no operation");
      }
    }
    return ops;
  }

  function format(ops) {
    return ops.map(function (o) { return o.op === "n" ? "n" : o.op + (o.n || ""); }).join(".");
  }

  // --- The Notify -----------------------------------------------------------

  function Notify() {
    this.permit = false; // state NOTIFIED: one stored permit
    this.calls = 0; // how many times notify_waiters() ran
    this.queue = []; // registered waiters, oldest first (tokio's list, tail to head)
    this.futures = []; // every future created, fN at index N - 1
  }

  // One future. state: "init" (created), "waiting" (registered, or picked
  // and not yet polled), "done" (returned Ready), "dropped".
  // note: the notification a picked waiter holds ("o", "l" or "a", for
  // notify_one, notify_last, notify_waiters), null if none.
  // waker: whether tokio holds a waker for it (set by a poll, not by enable).
  Notify.prototype.notified = function () {
    var future = { n: this.futures.length + 1, calls: this.calls, state: "init", note: null, waker: false };
    this.futures.push(future);
    return { op: "n", n: future.n, woke: [] };
  };

  // notify_locked (l.841-894): with nobody registered, store the permit
  // (one at most); else take the oldest (notify_one) or the newest
  // (notify_last) waiter out of the queue, mark it, and wake its waker.
  Notify.prototype.ring = function (strategy, step) {
    if (this.queue.length === 0) {
      step.permit = this.permit ? "kept" : "stored";
      this.permit = true;
      return;
    }
    var future = strategy === "o" ? this.queue.shift() : this.queue.pop();
    future.note = strategy;
    step.picked = future.n;
    if (future.waker) {
      future.waker = false;
      step.woke.push(future.n);
    }
  };

  Notify.prototype.notifyOne = function (strategy) {
    var step = { op: strategy, woke: [] };
    this.ring(strategy, step);
    return step;
  };

  // notify_waiters (l.740-815): count the call, which completes every future
  // created before it (they compare counts, l.1116-1124); take every waiter
  // out of the queue, oldest first, and wake it. The permit stays as it is.
  Notify.prototype.notifyWaiters = function () {
    var step = { op: "w", woke: [], reached: [] };
    var calls = this.calls++;
    this.futures.forEach(function (f) {
      if ((f.state === "init" && f.calls === calls) || (f.state === "waiting" && !f.note)) step.reached.push(f.n);
    });
    var queue = this.queue;
    this.queue = [];
    queue.forEach(function (future) {
      if (future.waker) {
        future.waker = false;
        step.woke.push(future.n);
      }
      future.note = "a";
    });
    return step;
  };

  // poll_notified (l.1105-1328); enable() is the same without a waker.
  Notify.prototype.poll = function (n, withWaker) {
    var future = this.futures[n - 1];
    var step = { op: withWaker ? "p" : "e", n: n, woke: [] };
    if (future.state === "init") {
      if (future.calls !== this.calls) {
        // Since tokio 1.51 (#7996): a broadcast that came after the future
        // was created completes it, and the permit stays (l.1116-1124).
        step.by = "a";
      } else if (this.permit) {
        this.permit = false;
        step.by = "permit";
      } else {
        if (withWaker) future.waker = true;
        future.state = "waiting";
        this.queue.push(future);
        step.position = this.queue.length;
        step.ready = false;
        return step;
      }
      future.state = "done";
      step.ready = true;
    } else if (future.state === "waiting") {
      if (future.note) {
        step.by = future.note;
        future.note = null;
        future.waker = false;
        future.state = "done";
        step.ready = true;
      } else {
        // Still in the queue, at the same place (l.1286-1298).
        if (withWaker) future.waker = true;
        step.position = this.queue.indexOf(future) + 1;
        step.ready = false;
      }
    } else {
      step.by = "done"; // completed futures stay ready (fused)
      step.ready = true;
    }
    return step;
  };

  // drop_notified (l.1330-1373): a registered future leaves the queue; one
  // that notify_one or notify_last picked and that never saw it passes the
  // ring on with the same strategy (to a waiter, or into the permit).
  Notify.prototype.drop = function (n) {
    var future = this.futures[n - 1];
    var step = { op: "d", n: n, woke: [] };
    if (future.state === "waiting") {
      var at = this.queue.indexOf(future);
      if (at >= 0) {
        this.queue.splice(at, 1);
        step.left = true;
      }
      if (future.note === "o" || future.note === "l") {
        step.passed = future.note;
        this.ring(future.note, step);
      }
    }
    future.state = "dropped";
    future.note = null;
    future.waker = false;
    return step;
  };

  Notify.prototype.apply = function (o) {
    switch (o.op) {
      case "n": return this.notified();
      case "e": return this.poll(o.n, false);
      case "p": return this.poll(o.n, true);
      case "d": return this.drop(o.n);
      case "w": return this.notifyWaiters();
      default: return this.notifyOne(o.op);
    }
  };

  // What a future is now, as one letter (the fixture's alphabet):
  // i created; b created, and a broadcast since has completed it;
  // w registered; o l a picked by notify_one / notify_last / notify_waiters
  // and not yet polled; d completed; x dropped.
  Notify.prototype.letter = function (future) {
    switch (future.state) {
      case "init": return future.calls === this.calls ? "i" : "b";
      case "waiting": return future.note || "w";
      case "done": return "d";
      default: return "x";
    }
  };

  // --- The fixture's encoding -----------------------------------------------

  function token(step) {
    var t = step.op;
    if (step.op === "e" || step.op === "p") t = (step.ready ? t.toUpperCase() : t) + step.n;
    else if (step.op === "d") t += step.n;
    return t + step.woke.map(function (n) { return "+" + n; }).join("");
  }

  Notify.prototype.state = function () {
    var self = this;
    var queue = this.queue.map(function (f) { return f.n; }).join("");
    var futures = this.futures.map(function (f) { return self.letter(f); }).join("");
    return (this.permit ? "1" : "0") + " " + (queue || "-") + " " + (futures || "-");
  };

  // Runs a scenario; returns the Notify and each step's result.
  function run(ops) {
    var notify = new Notify();
    var steps = ops.map(function (o) { return notify.apply(o); });
    return { notify: notify, steps: steps };
  }

  // The fixture line (without its `book:` key) that tokio writes for `ops`.
  function line(ops) {
    var result = run(ops);
    return result.steps.map(token).join("") + " " + result.notify.state();
  }

  var NotifyModel = { MAX_FUTURES: MAX_FUTURES, parse: parse, format: format, Notify: Notify, run: run, line: line };
  if (typeof module === "object" && module.exports) module.exports = NotifyModel;
  else root.NotifyModel = NotifyModel;
})(this);
