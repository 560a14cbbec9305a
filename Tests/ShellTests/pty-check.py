#!/usr/bin/env python3
"""Drives the `adaptive` shell through a real terminal (tmux), typing as a person
would (characters, Tab, Ctrl-C, Ctrl-D), and checks what the screen shows.

    Tests/ShellTests/pty-check.py [path/to/adaptive]   (default .build/debug/adaptive)

Prints one line per check and "N passed, N failed"; exits 1 when a check failed.
Needs tmux. Each check starts a fresh shell with its own history file and no colours
(NO_COLOR=1), so the screen text is plain.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

BIN = os.path.realpath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/adaptive")
ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", ".."))
TMP = tempfile.mkdtemp(prefix="adaptive-pty-")
HISTORY = os.path.join(TMP, "history")
passed = failed = 0


# A tmux server of our own, so a user's tmux (or another run of this script) is untouched.
TMUX = ["tmux", "-L", f"adaptive-pty-check-{os.getpid()}"]
# A session that lives for the whole run: tmux ends its server with the last session, and
# a check starting its shell while the server exits would fail for no reason of ours.
subprocess.run([*TMUX, "new-session", "-d", "-s", "keeper", "sleep 3600"], check=True)


class Shell:
    """One shell in a detached tmux session."""
    count = 0

    def __init__(self, env=None):
        Shell.count += 1
        self.name = f"adaptive-pty-{os.getpid()}-{Shell.count}"
        variables = {"ADAPTIVE_HISTORY": HISTORY, "NO_COLOR": "1", "TERM": "xterm"}
        variables.update(env or {})
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in variables.items())
        command = f"cd {shlex.quote(ROOT)} && env {exports} {shlex.quote(BIN)}; echo \"[exit $?]\"; sleep 600"
        subprocess.run([*TMUX, "new-session", "-d", "-s", self.name, "-x", "120", "-y", "50", command], check=True)
        self.wait_for(r"^> ?$", what="the first prompt")

    def screen(self):
        out = subprocess.run([*TMUX, "capture-pane", "-p", "-J", "-S", "-500", "-t", self.name],
                             capture_output=True, text=True).stdout
        return "\n".join(line.rstrip() for line in out.splitlines()).rstrip("\n")

    def type(self, text, enter=True):
        subprocess.run([*TMUX, "send-keys", "-t", self.name, "-l", text], check=True)
        if enter:
            self.key("Enter")

    def key(self, *keys):
        subprocess.run([*TMUX, "send-keys", "-t", self.name, *keys], check=True)
        time.sleep(0.15)

    def wait_for(self, pattern, timeout=10.0, what=None):
        """Waits until the screen matches `pattern` (a multi-line regex); returns the screen."""
        deadline = time.time() + timeout
        while True:
            text = self.screen()
            if re.search(pattern, text, re.M):
                return text
            if time.time() > deadline:
                raise AssertionError(f"timed out waiting for {what or pattern!r}; screen:\n{text}")
            time.sleep(0.1)

    def prompt_after(self, marker, timeout=10.0):
        """Waits for a fresh prompt after the line containing `marker`; returns the text between."""
        text = self.wait_for(re.escape(marker) + r"[^\n]*\n(?:.*\n)*?> ?$", timeout, what=f"a prompt after {marker!r}")
        return text[text.rindex(marker):]

    def close(self):
        subprocess.run([*TMUX, "kill-session", "-t", self.name], capture_output=True)


def check(name):
    def run(body):
        global passed, failed
        shell = None
        try:
            shell = Shell()
            body(shell)
            print(f"ok   {name}")
            passed += 1
        except Exception as error:  # an assertion, a timeout
            print(f"FAIL {name}: {error}")
            failed += 1
        finally:
            if shell:
                shell.close()
    return run


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


@check("an expression prints its values, tab-separated")
def _(sh):
    sh.type('1 + 2, "x", nil')
    out = sh.prompt_after('1 + 2, "x", nil')
    expect(re.search(r"^3\s+x\s+nil$", out, re.M), out)


@check("tables are pretty-printed with sorted keys and cycles marked")
def _(sh):
    sh.type('t = {3, 2, 1, b = "two", a = {1}}; t.me = t')
    sh.type("t")
    out = sh.prompt_after("> t\n")
    expect('{3, 2, 1, a = {1}, b = "two", me = <cycle>}' in out, out)


@check("an incomplete chunk continues on >> until complete")
def _(sh):
    sh.type("for i = 1, 3 do")
    sh.wait_for(r"^>> ?$")
    sh.type("  print(i * 10)")
    sh.type("end")
    out = sh.prompt_after(">> end")
    expect(re.search(r"^10\n20\n30\n> ?$", out, re.M), out)


@check("a blank line on >> abandons the chunk")
def _(sh):
    sh.type("function f()")
    sh.wait_for(r"^>> ?$")
    sh.type("")
    sh.wait_for(r"^>>\n> ?$")
    sh.type("f")
    out = sh.prompt_after("> f\n")
    expect(re.search(r"^nil$", out, re.M), out)


@check("Ctrl-C on >> abandons the chunk")
def _(sh):
    sh.type("if true then")
    sh.wait_for(r"^>> ?$")
    sh.key("C-c")
    sh.wait_for(r"^>> \^C\n> ?$")
    sh.type("2 * 21")
    out = sh.prompt_after("> 2 * 21")
    expect("42" in out, out)


@check("pasting several lines runs them in order")
def _(sh):
    sh.type("a = 1\nb = a + 1\nfor i = 1, 2 do\n  a = a + i\nend\nprint(a, b)", enter=True)
    out = sh.prompt_after("print(a, b)")
    expect(re.search(r"^4\s+2$", out, re.M), out)


@check("errors print as stdin:LINE: message and the shell goes on")
def _(sh):
    sh.type("x = 7")
    sh.type('error("oops")')
    out = sh.prompt_after('error("oops")')
    expect(re.search(r"^stdin:1: oops$", out, re.M), out)
    sh.type("x + 1")
    out = sh.prompt_after("> x + 1")
    expect("8" in out, out)


@check("Tab completes learner: methods")
def _(sh):
    sh.type("learner = adaptive.Learner1D(function(x) return x end, {0, 1})")
    sh.type("learner:tell_p", enter=False)
    sh.key("Tab")
    sh.wait_for(r"^> learner:tell_pending$")
    sh.key("C-u")
    sh.type("learner:", enter=False)
    sh.key("Tab")
    sh.key("Tab")
    out = sh.wait_for(r"learner:plot", what="the list of learner methods")
    expect("learner:tell_many" in out and "learner:ask" in out, out)


@check("Tab completes globals, adaptive.* fields and file names in strings")
def _(sh):
    sh.type("adaptive.Lea", enter=False)
    sh.key("Tab")   # several learners: the common prefix
    sh.wait_for(r"^> adaptive\.Learner$")
    sh.type("1", enter=False)
    sh.key("Tab")
    sh.wait_for(r"^> adaptive\.Learner1D$")
    sh.key("C-u")
    sh.type('dofile("Tests/Shell', enter=False)
    sh.key("Tab")
    sh.wait_for(r'^> dofile\("Tests/ShellTests/$')


@check("Ctrl-C stops while true do end; variables survive")
def _(sh):
    sh.type("v = 41")
    sh.type("while true do end")
    time.sleep(0.7)
    sh.key("C-c")
    out = sh.prompt_after("while true do end", timeout=5)
    expect("interrupted!" in out, out)
    sh.type("v + 1")
    out = sh.prompt_after("> v + 1")
    expect("42" in out, out)


@check("Ctrl-C at the prompt clears the line")
def _(sh):
    sh.type("this is not lua", enter=False)
    sh.wait_for(r"^> this is not lua$")   # typed keys not yet read are flushed by Ctrl-C
    sh.key("C-c")
    sh.wait_for(r"this is not lua\^C\n> ?$")
    sh.type("1")
    out = sh.prompt_after("> 1\n")
    expect(out.startswith("> 1\n1\n"), out)


RUNNER = ("r = adaptive.Runner(adaptive.Learner1D(function(x) local t=os.clock() "
          "while os.clock()-t<0.002 do end return x end, {0,1}), {npoints_goal = 3000})")


@check("%jobs lists a running runner, and a notice follows when it finishes")
def _(sh):
    sh.type(RUNNER)
    sh.type("%jobs")
    out = sh.prompt_after("%jobs")
    expect(re.search(r"^\s*1\s+Learner1D\s+running\s+\d+", out, re.M), out)
    expect("npoints" in out and "loss" in out and "elapsed" in out, out)
    sh.type("while r:status() == 'running' do end")   # Ctrl-C would also stop this wait
    sh.prompt_after("while r:status()", timeout=60)
    sh.type("")
    out = sh.wait_for(r"^\[1\] finished Learner1D npoints=3000 loss=\S+ in [\d.]+ (s|ms)$", timeout=10)


@check("Ctrl-C during a chunk leaves background runners running")
def _(sh):
    sh.type(RUNNER)
    sh.type("while true do end")
    time.sleep(0.5)
    sh.key("C-c")
    sh.prompt_after("while true do end")
    sh.type("r:status()")
    out = sh.prompt_after("r:status()")
    expect(re.search(r"^(running|finished)$", out, re.M), out)


@check("a failing runner is announced with its error")
def _(sh):
    sh.type('r = adaptive.Runner(adaptive.Learner1D(function(x) error("boom") end, {0,1}), {npoints_goal = 10})')
    time.sleep(1)
    sh.type("")
    sh.wait_for(r"^\[1\] failed Learner1D .*boom$")


@check("Ctrl-D asks once when runners are running, then exits")
def _(sh):
    sh.type(RUNNER.replace("3000", "100000"))
    sh.key("C-d")
    sh.wait_for(r"^1 runner is still running; Ctrl-D again to exit and cancel them\n> ?$")
    sh.key("C-d")
    sh.wait_for(r"^\[exit 0\]$")


@check("Ctrl-D at an empty prompt exits")
def _(sh):
    sh.key("C-d")
    sh.wait_for(r"^\[exit 0\]$")


@check("history survives a restart, multi-line chunks as one entry")
def _(sh):
    sh.type("for k = 1, 2 do")
    sh.type("  print('k' .. k)")
    sh.type("end")
    sh.prompt_after(">> end")
    sh.type("%quit")
    sh.wait_for(r"^\[exit 0\]$")
    again = Shell()
    try:
        again.key("Up")
        again.key("Up")
        again.key("Enter")
        out = again.wait_for(r"^k1\nk2\n> ?$", what="the recalled chunk's output")
    finally:
        again.close()


@check("%help, %who, %time and help(learner)")
def _(sh):
    sh.type("%help")
    out = sh.prompt_after("%help")
    expect("%jobs" in out and "%render" in out, out)
    sh.type("answer = 42")
    sh.type("%who")
    out = sh.prompt_after("%who")
    expect(re.search(r"^answer\s+number\s+42$", out, re.M), out)
    sh.type("%time for i = 1, 1e5 do end")
    out = sh.prompt_after("%time")
    expect(re.search(r"^time: [\d.]+ (µs|ms|s)$", out, re.M), out)
    sh.type("help(adaptive.Learner1D(function(x) return x end, {0, 1}))")
    out = sh.prompt_after("help(adaptive")
    expect("methods:" in out and "tell_many()" in out and "npoints" in out, out)


@check("bad input: unknown commands, binary output, a huge line")
def _(sh):
    sh.type("%frobnicate")
    out = sh.prompt_after("> %frobnicate")
    expect("unknown command %frobnicate" in out, out)
    sh.type('"bin\\0\\1\\255"')
    out = sh.prompt_after('"bin')
    expect('"bin\\000\\001\\255"' in out, out)
    sh.type("s = '" + "x" * 3000 + "'")
    sh.type("#s")
    out = sh.prompt_after("> #s")
    expect("3000" in out, out)


subprocess.run([*TMUX, "kill-server"], capture_output=True)
subprocess.run(["rm", "-rf", TMP])
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
