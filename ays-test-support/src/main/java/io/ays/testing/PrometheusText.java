package io.ays.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A strict parser of Prometheus' text exposition format (version 0.0.4, what {@code /q/metrics}
 * serves): {@code # HELP} and {@code # TYPE} lines, and samples {@code name{label="value",...}
 * value [timestamp]} with escaped label values. A line that is none of these fails the parse with
 * its number, so a scrape test cannot pass on text Prometheus would refuse. The Prometheus Java
 * client that Micrometer brings writes this format but has no reader.
 */
public final class PrometheusText {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample: a series name, its labels and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {

    /** Whether every given label (name, value, name, value ...) has that value. */
    public boolean has(String... labelPairs) {
      for (int i = 0; i + 1 < labelPairs.length; i += 2) {
        if (!labelPairs[i + 1].equals(labels.get(labelPairs[i]))) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Sample> samples;
  private final Map<String, String> types;

  private PrometheusText(List<Sample> samples, Map<String, String> types) {
    this.samples = Collections.unmodifiableList(samples);
    this.types = Collections.unmodifiableMap(types);
  }

  /** Parses {@code text}; throws {@link IllegalArgumentException} naming the first bad line. */
  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      try {
        if (line.isEmpty()) {
          continue;
        }
        if (line.startsWith("#")) {
          comment(line, types);
        } else {
          samples.add(sample(line));
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": " + e.getMessage() + ": " + line, e);
      }
    }
    return new PrometheusText(samples, types);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The declared type of each metric family ({@code # TYPE}). */
  public Map<String, String> types() {
    return types;
  }

  /** Every series name with at least one sample. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }

  /** The sum of the samples of {@code name} whose labels have these values (0 if none). */
  public double sum(String name, String... labelPairs) {
    return matching(name, s -> s.has(labelPairs)).stream().mapToDouble(Sample::value).sum();
  }

  /** The samples of {@code name} that {@code filter} accepts. */
  public List<Sample> matching(String name, Predicate<Sample> filter) {
    return samples.stream().filter(s -> s.name().equals(name)).filter(filter).toList();
  }

  private static void comment(String line, Map<String, String> types) {
    String[] parts = line.split(" ", 4);
    if (parts.length >= 3 && parts[0].equals("#") && parts[1].equals("TYPE")) {
      require(parts.length == 4 && NAME.matcher(parts[2]).matches(), "malformed TYPE line");
      require(TYPES.contains(parts[3]), "unknown type " + parts[3]);
      require(types.put(parts[2], parts[3]) == null, "second TYPE for " + parts[2]);
    } else if (parts.length >= 3 && parts[0].equals("#") && parts[1].equals("HELP")) {
      require(NAME.matcher(parts[2]).matches(), "malformed HELP line");
    }
    // any other comment is allowed by the format and ignored
  }

  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    require(NAME.matcher(name).matches(), "bad metric name '" + name + "'");
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = labels(line, i + 1, labels);
    }
    require(i < line.length() && line.charAt(i) == ' ', "no space before the value");
    String[] rest = line.substring(i + 1).split(" ");
    require(rest.length == 1 || rest.length == 2, "expected a value and an optional timestamp");
    if (rest.length == 2) {
      Long.parseLong(rest[1]);
    }
    return new Sample(name, Collections.unmodifiableMap(labels), value(rest[0]));
  }

  /** Reads {@code name="value",...}} from {@code i}; returns the index after the brace. */
  private static int labels(String line, int i, Map<String, String> labels) {
    while (true) {
      require(i < line.length(), "unterminated labels");
      if (line.charAt(i) == '}') {
        return i + 1;
      }
      int eq = line.indexOf('=', i);
      require(eq > i, "label without '='");
      String labelName = line.substring(i, eq);
      require(LABEL_NAME.matcher(labelName).matches(), "bad label name '" + labelName + "'");
      require(eq + 1 < line.length() && line.charAt(eq + 1) == '"', "label value not quoted");
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      while (true) {
        require(j < line.length(), "unterminated label value");
        char c = line.charAt(j);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          require(j + 1 < line.length(), "dangling escape");
          char escaped = line.charAt(j + 1);
          switch (escaped) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default -> throw new IllegalArgumentException("bad escape \\" + escaped);
          }
          j += 2;
        } else {
          value.append(c);
          j++;
        }
      }
      require(labels.put(labelName, value.toString()) == null, "label " + labelName + " twice");
      i = j + 1;
      if (i < line.length() && line.charAt(i) == ',') {
        i++;
      }
    }
  }

  private static double value(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }
}
