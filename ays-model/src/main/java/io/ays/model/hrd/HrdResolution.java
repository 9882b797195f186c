package io.ays.model.hrd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One read of an {@link Hrd} with its {@code $(key)} references substituted. Keeps the chain of
 * keys being resolved so that a cycle is reported instead of looping, and remembers what it has
 * resolved so that a long chain is followed once.
 */
final class HrdResolution {

  /** A process entry, in a recipe or a resolved configuration; its command line runs in sh. */
  private static final Pattern PROCESS = Pattern.compile("(service\\.)?process\\.\\d+");

  private static final Set<String> SHELL_FIELDS = Set.of("cmd", "args");

  private final Hrd hrd;
  private final Deque<String> resolving = new ArrayDeque<>();
  private final Map<String, Object> done = new HashMap<>();

  HrdResolution(Hrd hrd) {
    this.hrd = hrd;
  }

  /** The substituted value of {@code key} (already normalised), or null if absent. */
  Object value(String key) {
    if (done.containsKey(key)) {
      return done.get(key);
    }
    HrdEntry entry = hrd.rawEntry(key);
    if (entry == null) {
      return null;
    }
    if (resolving.contains(key)) {
      throw new HrdCycleException(hrd.source(), cycle(key));
    }
    resolving.push(key);
    try {
      Object value =
          PROCESS.matcher(key).matches()
              ? process(key, entry.value())
              : Substitution.deep(entry.value(), this::substitute);
      done.put(key, value);
      return value;
    } finally {
      resolving.pop();
    }
  }

  /**
   * A text that is one whole reference takes the referenced value with its type (a number stays a
   * number, a list a list); references inside a longer text are replaced by their text.
   */
  private Object substitute(String text) {
    Optional<String> whole = Substitution.wholeReference(text);
    if (whole.isPresent() && hrd.rawEntry(whole.get()) != null) {
      return value(whole.get());
    }
    return Substitution.apply(text, this::lookup);
  }

  private Optional<Object> lookup(String ref) {
    return hrd.rawEntry(ref) != null ? Optional.ofNullable(orEmpty(value(ref))) : Optional.empty();
  }

  /**
   * A {@code process.N} entry: its {@code cmd} and {@code args} are shell text, so each value
   * substituted there is quoted as one shell word ({@link ShellText}); its other fields as any
   * value. A one-line {@code k:v} text (as pydio writes it) is read as the dict it means first, so
   * that its command line is quoted too.
   */
  private Object process(String key, Object raw) {
    Map<String, Object> dict =
        raw instanceof Map<?, ?> || (raw instanceof String text && !text.isBlank())
            ? HrdConversions.toDict(raw)
            : null;
    if (dict == null) {
      return Substitution.deep(raw, this::substitute);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    dict.forEach(
        (field, value) ->
            out.put(
                field,
                SHELL_FIELDS.contains(field.strip().toLowerCase(Locale.ROOT))
                        && value instanceof String text
                    ? ShellText.substitute(hrd.source(), key + "." + field, text, this::lookup)
                    : Substitution.deep(value, this::substitute)));
    return out;
  }

  private static Object orEmpty(Object value) {
    return value == null ? "" : value;
  }

  private String cycle(String key) {
    List<String> chain = new ArrayList<>(resolving);
    Collections.reverse(chain);
    return String.join(" -> ", chain.subList(chain.indexOf(key), chain.size())) + " -> " + key;
  }
}
