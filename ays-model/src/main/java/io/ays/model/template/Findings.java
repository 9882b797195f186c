package io.ays.model.template;

import io.ays.model.hrd.Hrd;
import java.util.ArrayList;
import java.util.List;

/**
 * What reading a template found wrong: errors (the template is invalid) and warnings (it works, but
 * something is ignored), each as {@code file:line: key: message}.
 */
final class Findings {

  private final List<String> errors = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  void error(String message) {
    errors.add(message);
  }

  void error(Hrd hrd, String key, String message) {
    errors.add(where(hrd, key) + message);
  }

  void warning(Hrd hrd, String key, String message) {
    warnings.add(where(hrd, key) + message);
  }

  void warning(String message) {
    warnings.add(message);
  }

  List<String> errors() {
    return errors;
  }

  List<String> warnings() {
    return warnings;
  }

  private static String where(Hrd hrd, String key) {
    int line = hrd.line(key);
    return hrd.source() + (line > 0 ? ":" + line : "") + ": " + key + ": ";
  }
}
