package io.ays.cli.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.ays.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The command line's config file: named contexts (where an AYS is and which files hold its secrets)
 * and the current one, in kubectl's manner. YAML:
 *
 * <pre>
 * current-context: prod
 * contexts:
 *   prod:
 *     kafka: kafka.example.org:9094
 *     kafka-config: /home/me/.config/ays/prod-kafka.properties
 *     coordinator: https://ays.example.org/coordinator
 *     token-file: /home/me/.config/ays/prod.token
 * </pre>
 *
 * Anything else in the file (a misspelt setting, a token or password written in clear) is refused
 * with the file, line and setting named.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"current-context", "contexts"})
public record CliConfig(
    @JsonProperty("current-context") String currentContext,
    @JsonProperty("contexts") Map<String, Context> contexts) {

  /** Context names: what kubectl allows, short enough to type. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private static final ObjectMapper YAML =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  public CliConfig {
    Map<String, Context> copy = new LinkedHashMap<>();
    if (contexts != null) {
      // "name:" with nothing under it is a context with every setting from the defaults
      contexts.forEach((name, c) -> copy.put(name, c == null ? Context.empty() : c));
    }
    contexts = Collections.unmodifiableMap(copy);
  }

  public static CliConfig empty() {
    return new CliConfig(null, Map.of());
  }

  /** The file's config, or an empty one if there is no file. */
  public static CliConfig read(Path file) {
    if (!Files.exists(file)) {
      return empty();
    }
    CliConfig config;
    try {
      config = YAML.readValue(file.toFile(), CliConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw CliException.usage(
          lineOf(file, e)
              + ": '"
              + path(e)
              + "' is not a setting of the config file (a context has: "
              + Context.SETTINGS
              + "); a token or password is never kept in it: name the file holding it with"
              + " token-file or kafka-config");
    } catch (JacksonException e) {
      throw CliException.usage(where(file, e) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw CliException.usage("cannot read the config file " + file + ": " + e.getMessage());
    }
    if (config == null) {
      return empty(); // an empty file
    }
    config.contexts.keySet().forEach(name -> checkName(name, file.toString()));
    if (config.currentContext != null && !config.contexts.containsKey(config.currentContext)) {
      throw CliException.usage(
          file
              + ": current-context '"
              + config.currentContext
              + "' is not one of its contexts "
              + config.contexts.keySet());
    }
    return config;
  }

  /** Writes the config to the file (made readable by its owner only), replacing it atomically. */
  public void write(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        setMode(dir, "rwx------");
      }
      Path temp = Files.createTempFile(dir, ".config", ".yaml");
      setMode(temp, "rw-------");
      YAML.writeValue(temp.toFile(), withSortedContexts());
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw CliException.usage("cannot write the config file " + file + ": " + e.getMessage());
    }
  }

  /** The named context, or a usage error naming the known ones. */
  public Context context(String name, String source) {
    Context context = contexts.get(name);
    if (context == null) {
      throw CliException.usage(
          source
              + ": no context '"
              + name
              + "'"
              + (contexts.isEmpty()
                  ? " (the config file has none: ays config set-context " + name + " ...)"
                  : " (known: " + String.join(", ", contexts.keySet()) + ")"));
    }
    return context;
  }

  public Optional<String> current() {
    return Optional.ofNullable(currentContext);
  }

  public CliConfig withContext(String name, Context context) {
    checkName(name, "context name");
    Map<String, Context> all = new LinkedHashMap<>(contexts);
    all.put(name, context);
    return new CliConfig(currentContext, all);
  }

  public CliConfig withoutContext(String name) {
    context(name, "delete-context");
    Map<String, Context> all = new LinkedHashMap<>(contexts);
    all.remove(name);
    return new CliConfig(name.equals(currentContext) ? null : currentContext, all);
  }

  public CliConfig withCurrent(String name) {
    context(name, "use-context");
    return new CliConfig(name, contexts);
  }

  /** The config as YAML, as {@code ays config view} prints it: file names only, no secret. */
  public String toYaml() {
    try {
      return YAML.writeValueAsString(withSortedContexts());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private CliConfig withSortedContexts() {
    return new CliConfig(
        currentContext,
        contexts.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)));
  }

  private static void checkName(String name, String where) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw CliException.usage(
          where
              + ": '"
              + name
              + "' is not a context name (letters, digits, '.', '_', '-'; at most 63)");
    }
  }

  /**
   * The file and the line of an unknown setting: the parser's location is past the entry (it has
   * read the value by then), so the line is found by walking the setting's path down the file.
   */
  private static String lineOf(Path file, JsonMappingException e) {
    try {
      List<String> lines = Files.readAllLines(file);
      int at = 0;
      for (JsonMappingException.Reference step : e.getPath()) {
        if (step.getFieldName() == null) {
          return where(file, e);
        }
        Pattern key =
            Pattern.compile(
                "^\\s*(?:-\\s+)?[\"']?" + Pattern.quote(step.getFieldName()) + "[\"']?\\s*:");
        while (at < lines.size() && !key.matcher(lines.get(at)).find()) {
          at++;
        }
        if (at == lines.size()) {
          return where(file, e);
        }
      }
      return file + " line " + (at + 1);
    } catch (IOException notReadable) {
      return where(file, e);
    }
  }

  /** The file and the parser's line. */
  private static String where(Path file, JacksonException e) {
    JsonLocation location =
        e.getProcessor() instanceof JsonParser parser
            ? parser.currentTokenLocation()
            : e.getLocation();
    return location == null || location.getLineNr() < 1
        ? file.toString()
        : file + " line " + location.getLineNr();
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static void setMode(Path path, String mode) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    } catch (UnsupportedOperationException e) {
      // no POSIX permissions here: the platform's defaults apply
    }
  }
}
