"""AYS action runner: runs one method of a template's actions_*.py for the node-executor.

Shipped inside the node-executor and written to <data dir>/runtime/ays_runner.py. Protocol
(docs/actions.md, "Python actions"): one JSON object per line.
  executor -> runner, first line: the request {action, actions_file, config, instance_key, ...}
  runner -> executor: {"type": "default", "action": A, "config": {...}} asks the executor to run
      its built-in action A now; the executor answers with one line
      {"ok": bool, "up": bool|null, "message": str}
  runner -> executor, last line: {"type": "result", "ok": bool, "value": ..., "changes": {...},
      "error": str}
The protocol uses private copies of stdin/stdout: the method's own output (print, commands it
runs) goes to stderr, which the executor appends to the instance's actions log.
"""

import importlib.util
import inspect
import json
import os
import subprocess
import sys
import traceback
import types

PROTO_IN = os.fdopen(os.dup(0), "r", encoding="utf-8")
PROTO_OUT = os.fdopen(os.dup(1), "w", encoding="utf-8")
_devnull = os.open(os.devnull, os.O_RDONLY)
os.dup2(_devnull, 0)
os.dup2(2, 1)  # print() and child processes write to the log, never into the protocol
sys.stdout = sys.stderr

CHECKS = ("check_up", "check_down", "monitor")
ACTIONS = (
    "init", "prepare", "configure", "start", "stop", "halt", "check_up", "check_down",
    "check_requirements", "monitor", "cleanup", "data_export", "data_import", "install",
    "uninstall", "removedata", "test", "build",
)


def _send(message):
    PROTO_OUT.write(json.dumps(message) + "\n")
    PROTO_OUT.flush()


class ActionError(Exception):
    """An action failed; the message becomes the phase's failure message."""


class HRD:
    """The instance's configuration (service.* and instance.* keys); set() flows back to AYS."""

    def __init__(self, values):
        self._values = dict(values)
        self.changes = {}

    def exists(self, key):
        return key.lower() in self._values

    def get(self, key, default=ActionError):
        key = key.lower()
        if key in self._values:
            return self._values[key]
        if default is ActionError:
            raise ActionError("configuration key '%s' does not exist" % key)
        return default

    def getStr(self, key, default=ActionError):
        value = self.get(key, default)
        return "" if value is None else str(value)

    def getInt(self, key, default=ActionError):
        return int(self.get(key, default))

    def getBool(self, key, default=ActionError):
        value = self.get(key, default)
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "y")
        return bool(value)

    def getList(self, key, default=ActionError):
        value = self.get(key, default)
        if value is None or value == "":
            return []
        return value if isinstance(value, list) else [v.strip() for v in str(value).split(",")]

    def getDict(self, key, default=ActionError):
        value = self.get(key, default)
        return value if isinstance(value, dict) else {}

    def set(self, key, value):
        key = key.lower()
        self._values[key] = value
        self.changes[key] = value

    def keys(self, prefix=""):
        return sorted(k for k in self._values if k.startswith(prefix.lower()))

    def values(self):
        return dict(self._values)


class Service:
    """What a method works on; passed as `serviceObj` to methods that take it, as in AYS 7."""

    def __init__(self, request):
        self.hrd = HRD(request.get("config") or {})
        self.key = request["instance_key"]
        self.domain, self.name, self.instance = self.key.split("/")
        self.path = request["instance_dir"]
        self.template_path = request["template_dir"]
        self.node = request["node"]
        self.role = request["role"]

    def log(self, text):
        print(text, flush=True)


def run(cmd, die=True, cwd=None, env=None):
    """Runs a shell command, its output into the log; returns (exit status, output)."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    done = subprocess.run(cmd, shell=True, cwd=cwd, env=full_env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sys.stderr.write(done.stdout)
    sys.stderr.flush()
    if die and done.returncode != 0:
        raise ActionError("command exited %d: %s" % (done.returncode, cmd))
    return done.returncode, done.stdout


class ActionsBase:
    """The base class of a template's Actions: every method defaults to AYS's built-in action."""

    def __init__(self, service):
        self.service = service
        self.hrd = service.hrd

    def run(self, cmd, die=True, cwd=None, env=None):
        return run(cmd, die=die, cwd=cwd if cwd is not None else self.service.path, env=env)

    def default(self, action):
        """Asks the executor to run its built-in `action` now, with the configuration as it is."""
        _send({"type": "default", "action": action, "config": self.hrd.values()})
        line = PROTO_IN.readline()
        if not line:
            raise ActionError("the executor closed the connection")
        answer = json.loads(line)
        if not answer.get("ok"):
            raise ActionError("default %s failed: %s" % (action, answer.get("message")))
        if action in ("check_up", "monitor"):
            return bool(answer.get("up"))
        if action == "check_down":
            return not answer.get("up")
        return True


def _default_method(action):
    def method(self, serviceObj=None, *args, **kwargs):
        return self.default(action)
    method.__name__ = action
    return method


for _action in ACTIONS:
    setattr(ActionsBase, _action, _default_method(_action))


def _install_modules():
    """`from ays import ActionsBase`, and the AYS 7 idiom `from JumpScale import j`."""
    ays = types.ModuleType("ays")
    ays.ActionsBase, ays.ActionError, ays.run, ays.HRD = ActionsBase, ActionError, run, HRD
    sys.modules["ays"] = ays
    atyourservice = types.SimpleNamespace(
        getActionsBaseClass=lambda: ActionsBase,
        getActionsBaseClassNode=lambda: ActionsBase,
        getActionsBaseClassMgmt=lambda: ActionsBase,
        getActionsBaseClassTmpl=lambda: ActionsBase)
    do = types.SimpleNamespace(execute=lambda cmd, **kw: run(cmd, die=kw.get("dieOnNonZeroExitCode", True)))
    jumpscale = types.ModuleType("JumpScale")
    jumpscale.j = types.SimpleNamespace(atyourservice=atyourservice, do=do)
    sys.modules["JumpScale"] = jumpscale


def _actions_class(module, path):
    classes = [c for name, c in vars(module).items()
               if inspect.isclass(c) and name.startswith("Actions") and c is not ActionsBase
               and c.__module__ == module.__name__]
    if not classes:
        raise ActionError("%s: no class named Actions... found" % path)
    exact = [c for c in classes if c.__name__ == "Actions"]
    return (exact or classes)[0]


def _call(method, service):
    try:
        params = inspect.signature(method).parameters.values()
    except (TypeError, ValueError):
        params = []
    takes_arg = any(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
                    for p in params)
    return method(service) if takes_arg else method()


def main():
    request = json.loads(PROTO_IN.readline())
    service = Service(request)
    try:
        _install_modules()
        path = request["actions_file"]
        spec = importlib.util.spec_from_file_location("ays_template_actions", path)
        module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, os.path.dirname(path))
        spec.loader.exec_module(module)
        actions = _actions_class(module, path)(service)
        action = request["action"]
        method = getattr(actions, action, None)
        if method is None:
            value = actions.default(action)
        else:
            value = _call(method, service)
        if isinstance(value, tuple):  # run()'s (status, output) returned as is
            value = value[0] == 0
        _send({"type": "result", "ok": True, "value": value if isinstance(value, (bool, int, str, type(None))) else str(value),
               "changes": service.hrd.changes})
        return 0
    except Exception as e:  # everything a template can raise becomes the phase's failure
        traceback.print_exc()
        _send({"type": "result", "ok": False, "error": "%s: %s" % (type(e).__name__, e),
               "changes": service.hrd.changes})
        return 1


if __name__ == "__main__":
    sys.exit(main())
