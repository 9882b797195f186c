package io.ays.cli.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The context a command uses: the one named by {@code --context} (or {@code AYS_CONTEXT}), else the
 * config file's current context, else none (every setting from flags, the environment and the
 * defaults of {@code ./ays up}).
 *
 * @param name the context's name, empty when there is none
 * @param settings its settings (all null when there is none)
 */
public record ActiveContext(Optional<String> name, Context settings) {

  public static ActiveContext none() {
    return new ActiveContext(Optional.empty(), Context.empty());
  }

  /** The context for this command: {@code requested} (the flag), AYS_CONTEXT, the current one. */
  public static ActiveContext select(String requested, Map<String, String> env) {
    Path file = ConfigLocation.of(env);
    String source = "--context";
    String name = blankToNull(requested);
    if (name == null) {
      name = blankToNull(env.get("AYS_CONTEXT"));
      source = "AYS_CONTEXT";
    }
    CliConfig config = CliConfig.read(file);
    if (name == null) {
      return config
          .current()
          .map(current -> new ActiveContext(Optional.of(current), config.context(current, "")))
          .orElse(none());
    }
    return new ActiveContext(Optional.of(name), config.context(name, source + " (" + file + ")"));
  }

  /**
   * A secret file the context names ({@code token-file}, {@code kafka-config}), checked to be
   * readable by its owner only; empty if the context names none.
   */
  public Optional<Path> secretFile(String setting, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        PrivateFile.checked(
            Path.of(value.strip()), "context '" + name.orElse("") + "' " + setting));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
