package io.ays.executor.python;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseOutcome;
import io.ays.executor.action.ActionContext;
import io.ays.executor.action.ActionOutcome;
import io.ays.executor.action.InstanceOverrides;
import io.ays.executor.process.LogTail;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one method of a template's {@code actions_*.py} through the runner AYS ships ({@code
 * ays_runner.py}). The runner can ask, while the method runs, for AYS's built-in action ({@code
 * super().start()}, or a method the template does not override): it is run here and answered. The
 * method's output and traceback go to the instance's {@code actions.log}; values it sets on {@code
 * self.hrd} are kept for the instance's later commands ({@link InstanceOverrides}).
 */
public final class PythonActions {

  private static final int TAIL_BYTES = 4096;
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** AYS's built-in action, which the runner calls back. */
  @FunctionalInterface
  public interface Defaults {
    ActionOutcome run(Phase phase, ActionContext context) throws InterruptedException;
  }

  private final String python;
  private final Path dataDir;
  private final ObjectMapper json;

  public PythonActions(String python, Path dataDir, ObjectMapper json) {
    this.python = python;
    this.dataDir = dataDir;
    this.json = json;
  }

  public ActionOutcome run(Path actionsFile, ActionContext context, Defaults defaults)
      throws InterruptedException {
    Phase phase = context.command().phase();
    String what = actionsFile.getFileName() + " " + phase.actionName();
    Path log = context.logDir().resolve("actions.log");
    long startNanos = System.nanoTime();
    Process process = null;
    AtomicBoolean timedOut = new AtomicBoolean();
    try {
      Files.createDirectories(context.instanceDir());
      Files.createDirectories(log.getParent());
      long logStart = Files.exists(log) ? Files.size(log) : 0;
      Files.writeString(
          log,
          "--- " + what + " (" + context.instanceKey() + ")\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(python, RunnerScript.extract(dataDir).toString());
      builder.directory(context.instanceDir().toFile());
      builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().put("PYTHONUNBUFFERED", "1");
      builder.environment().put("AYS_INSTANCE_KEY", context.instanceKey());
      builder.environment().put("AYS_PHASE", phase.actionName());
      builder.environment().put("AYS_NODE", context.command().node().value());
      builder.environment().put("AYS_INSTANCE_DIR", context.instanceDir().toString());
      builder.environment().put("AYS_TEMPLATE_DIR", context.templateDir().toString());
      process = builder.start();
      Process started = process;
      int timeout = context.command().timeoutSeconds();
      CompletableFuture.delayedExecutor(timeout, TimeUnit.SECONDS)
          .execute(
              () -> {
                if (started.isAlive()) {
                  timedOut.set(true);
                  started.descendants().forEach(ProcessHandle::destroyForcibly);
                  started.destroyForcibly();
                }
              });
      Map<String, Object> result = converse(process, actionsFile, context, defaults);
      process.waitFor(10, TimeUnit.SECONDS);
      String tail = tailSince(log, logStart);
      String took = seconds(startNanos);
      if (timedOut.get()) {
        return ActionOutcome.timedOut(
            what + " still running after " + timeout + " s; killed", tail);
      }
      Integer exit = process.isAlive() ? null : process.exitValue();
      if (result == null) {
        return ActionOutcome.failed(
            exit, what + " ended without a result (exit " + exit + ", " + took + ")", tail);
      }
      if (!Boolean.TRUE.equals(result.get("ok"))) {
        return ActionOutcome.failed(
            exit, what + " failed (exit " + exit + ", " + took + "): " + result.get("error"), tail);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> changes =
          result.get("changes") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      InstanceOverrides.save(context.instanceDir(), changes);
      return interpret(phase, what, result.get("value"), took, tail);
    } catch (IOException e) {
      if (timedOut.get()) {
        return ActionOutcome.timedOut(what + " still running at its timeout; killed", null);
      }
      return ActionOutcome.failed(null, "cannot run " + what + ": " + e.getMessage(), null);
    } finally {
      if (process != null && process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
  }

  /** Sends the request, answers the runner's calls for defaults; returns its result, or null. */
  private Map<String, Object> converse(
      Process process, Path actionsFile, ActionContext context, Defaults defaults)
      throws IOException, InterruptedException {
    try (BufferedWriter out =
            new BufferedWriter(
                new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("action", context.command().phase().actionName());
      request.put("actions_file", actionsFile.toAbsolutePath().toString());
      request.put("config", context.config());
      request.put("instance_key", context.instanceKey());
      request.put("instance_dir", context.instanceDir().toString());
      request.put("template_dir", context.templateDir().toString());
      request.put("node", context.command().node().value());
      request.put("role", context.command().role().name().toLowerCase(Locale.ROOT));
      send(out, request);
      String line;
      while ((line = in.readLine()) != null) {
        Map<String, Object> message = json.readValue(line, MAP);
        if ("result".equals(message.get("type"))) {
          return message;
        }
        if ("default".equals(message.get("type"))) {
          send(out, runDefault(message, context, defaults));
        }
      }
      return null;
    }
  }

  private Map<String, Object> runDefault(
      Map<String, Object> message, ActionContext context, Defaults defaults)
      throws InterruptedException {
    Map<String, Object> answer = new LinkedHashMap<>();
    try {
      Phase phase = Phase.fromActionName(String.valueOf(message.get("action")));
      @SuppressWarnings("unchecked")
      Map<String, Object> config =
          message.get("config") instanceof Map<?, ?> m ? (Map<String, Object>) m : context.config();
      ActionOutcome outcome =
          defaults.run(
              phase,
              new ActionContext(
                  context.command(),
                  context.templateDir(),
                  context.instanceDir(),
                  context.logDir(),
                  config));
      answer.put("ok", outcome.outcome() == PhaseOutcome.SUCCEEDED);
      answer.put("up", outcome.up());
      answer.put(
          "message",
          outcome.message() == null
              ? null
              : outcome.message()
                  + (outcome.outputTail() == null ? "" : "\n" + outcome.outputTail()));
    } catch (RuntimeException e) {
      answer.put("ok", false);
      answer.put("message", e.getMessage());
    }
    return answer;
  }

  private static ActionOutcome interpret(
      Phase phase, String what, Object value, String took, String tail) {
    if (phase.answersUp()) {
      if (!(value instanceof Boolean bool)) {
        return ActionOutcome.failed(
            null, what + " returned " + value + "; expected True or False", tail);
      }
      boolean up = phase == Phase.CHECK_UP ? bool : !bool;
      return withTail(ActionOutcome.checked(up, what + " says " + (up ? "up" : "down")), tail);
    }
    if (phase == Phase.MONITOR && value instanceof String reason && !reason.isBlank()) {
      // a monitor may say "running, but not well" by returning why
      return withTail(ActionOutcome.degraded(reason.strip()), tail);
    }
    if (phase == Phase.MONITOR && value instanceof Boolean healthy) {
      // monitor answers a question, like a check: the plan decides what an unhealthy answer
      // means (nothing at the management location, where no process of the service runs)
      return withTail(
          ActionOutcome.checked(healthy, what + " says " + (healthy ? "healthy" : "unhealthy")),
          tail);
    }
    if (Boolean.FALSE.equals(value)) {
      return ActionOutcome.failed(null, what + " returned False (" + took + ")", tail);
    }
    return withTail(ActionOutcome.done(what + " succeeded (" + took + ")"), tail);
  }

  private void send(BufferedWriter out, Map<String, Object> message) throws IOException {
    out.write(json.writeValueAsString(message));
    out.write('\n');
    out.flush();
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

  private static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }

  private static String tailSince(Path log, long start) {
    String tail = LogTail.of(log, TAIL_BYTES);
    try {
      long written = Files.size(log) - start;
      return written < tail.length() ? tail.substring(tail.length() - (int) written) : tail;
    } catch (IOException e) {
      return tail;
    }
  }
}
