package io.ays.local;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@code --name value} options of the ays-local mains, checked against the known names. */
final class CommandLine {

  private final String program;
  private final Map<String, String> values;

  private CommandLine(String program, Map<String, String> values) {
    this.program = program;
    this.values = values;
  }

  static CommandLine parse(String program, String[] args, Set<String> known) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException(program + ": unexpected argument '" + arg + "'");
      }
      String name;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(2, eq);
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        name = arg.substring(2);
        value = args[++i];
      } else {
        throw new IllegalArgumentException(program + ": option " + arg + " needs a value");
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            program + ": unknown option --" + name + " (known: " + known + ")");
      }
      values.put(name, value);
    }
    return new CommandLine(program, values);
  }

  String get(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  String require(String name) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(program + ": option --" + name + " is required");
    }
    return value;
  }

  int getInt(String name, int defaultValue) {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          program + ": option --" + name + " must be a number, got '" + value + "'");
    }
  }
}
