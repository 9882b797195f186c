package io.ays.executor.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.ExecutionRole;
import io.ays.contracts.Phase;
import io.ays.executor.process.LogTail;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a template's executable hook, {@code hooks/<action>} (node actions) or {@code
 * hooks/mgmt/<action>} (management actions), in any language. The hook gets the instance
 * configuration as JSON on stdin and as {@code AYS_CFG_*} environment variables; exit 0 means
 * success. For check_up, exit 0 means up and exit 1 down; for check_down, exit 0 means down and
 * exit 1 up; for monitor, exit 0 means up, 1 down and 2 degraded (its last line of output says
 * why); any other code is a failure.
 */
@ApplicationScoped
public class HookRunner {

  private static final int TAIL_BYTES = 4096;

  private final ObjectMapper json;

  public HookRunner(ObjectMapper json) {
    this.json = json;
  }

  /** The hook for this command's action, if the template has an executable one. */
  public Optional<Path> find(ActionContext context) {
    Path hooks = context.templateDir().resolve("hooks");
    if (context.command().role() == ExecutionRole.MANAGEMENT) {
      hooks = hooks.resolve("mgmt");
    }
    Path hook = hooks.resolve(context.command().phase().actionName());
    return Files.isRegularFile(hook) && Files.isExecutable(hook)
        ? Optional.of(hook)
        : Optional.empty();
  }

  public ActionOutcome run(Path hook, ActionContext context) throws InterruptedException {
    Phase phase = context.command().phase();
    Path log = context.logDir().resolve("hooks.log");
    try {
      Files.createDirectories(context.instanceDir());
      Files.createDirectories(log.getParent());
      long start = Files.exists(log) ? Files.size(log) : 0;
      ProcessBuilder builder = new ProcessBuilder(hook.toString());
      builder.directory(context.instanceDir().toFile());
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      environment(builder.environment(), context);
      Process process = builder.start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(json.writeValueAsString(context.config()).getBytes(StandardCharsets.UTF_8));
      } catch (IOException closedEarly) {
        // A hook that does not read its input may exit before we finish writing it.
      }
      int timeout = context.command().timeoutSeconds();
      if (!process.waitFor(timeout, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return ActionOutcome.timedOut(
            "hook " + phase.actionName() + " still running after " + timeout + " s; killed",
            tailSince(log, start));
      }
      return interpret(phase, process.exitValue(), tailSince(log, start));
    } catch (IOException e) {
      return ActionOutcome.failed(null, "cannot run hook " + hook + ": " + e.getMessage(), null);
    }
  }

  private static ActionOutcome interpret(Phase phase, int exit, String tail) {
    if (phase == Phase.CHECK_UP && (exit == 0 || exit == 1)) {
      return withTail(ActionOutcome.checked(exit == 0, "hook check_up exited " + exit), tail);
    }
    if (phase == Phase.CHECK_DOWN && (exit == 0 || exit == 1)) {
      return withTail(ActionOutcome.checked(exit == 1, "hook check_down exited " + exit), tail);
    }
    if (phase == Phase.MONITOR && (exit == 0 || exit == 1)) {
      return withTail(
          ActionOutcome.checked(exit == 0, "hook monitor says " + (exit == 0 ? "up" : "down")),
          tail);
    }
    if (phase == Phase.MONITOR && exit == 2) {
      return withTail(ActionOutcome.degraded(lastLine(tail, "hook monitor says degraded")), tail);
    }
    if (exit == 0) {
      return withTail(ActionOutcome.done("hook " + phase.actionName() + " succeeded"), tail);
    }
    return ActionOutcome.failed(exit, "hook " + phase.actionName() + " exited " + exit, tail);
  }

  /** The hook's last line of output (its reason), or {@code otherwise} if it said nothing. */
  private static String lastLine(String tail, String otherwise) {
    if (tail == null || tail.isBlank()) {
      return otherwise;
    }
    String[] lines = tail.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  private static ActionOutcome withTail(ActionOutcome outcome, String tail) {
    return new ActionOutcome(
        outcome.outcome(),
        outcome.exitCode(),
        outcome.up(),
        outcome.message(),
        tail,
        outcome.degraded());
  }

  /** The output this run of the hook appended to the shared hooks log. */
  private static String tailSince(Path log, long start) {
    String tail = LogTail.of(log, TAIL_BYTES);
    try {
      long written = Files.size(log) - start;
      return written < tail.length() ? tail.substring(tail.length() - (int) written) : tail;
    } catch (IOException e) {
      return tail;
    }
  }

  private void environment(Map<String, String> env, ActionContext context)
      throws JsonProcessingException {
    env.put("AYS_INSTANCE_KEY", context.instanceKey());
    env.put("AYS_PHASE", context.command().phase().actionName());
    // Which command this execution is for: a hook that must be idempotent keys on it.
    env.put("AYS_COMMAND_ID", context.command().commandId());
    env.put("AYS_RUN_ID", context.command().runId().toString());
    env.put("AYS_NODE", context.command().node().value());
    env.put("AYS_INSTANCE_DIR", context.instanceDir().toString());
    env.put("AYS_TEMPLATE_DIR", context.templateDir().toString());
    for (Map.Entry<String, Object> entry : context.config().entrySet()) {
      Object value = entry.getValue();
      String text =
          value == null ? "" : value instanceof String s ? s : json.writeValueAsString(value);
      env.put(
          "AYS_CFG_" + entry.getKey().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), text);
    }
  }
}
