package io.ays.model.hrd;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A parsed HRD document: keys (lower-cased, in file order) with typed values. Reading a value
 * substitutes its {@code $(key)} references (lazily; {@link #raw} gives the value as written).
 * Immutable: {@link #with} returns a changed copy.
 */
public final class Hrd {

  private final String source;
  private final Map<String, HrdEntry> entries;

  Hrd(String source, Map<String, HrdEntry> entries) {
    this.source = source;
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  public static Hrd empty(String source) {
    return new Hrd(source, Map.of());
  }

  /** A document holding {@code values} (keys lower-cased), e.g. a resolved configuration. */
  public static Hrd of(String source, Map<String, ?> values) {
    Map<String, HrdEntry> entries = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          String k = key.toLowerCase(Locale.ROOT);
          entries.put(k, new HrdEntry(k, value, String.valueOf(value), 0));
        });
    return new Hrd(source, entries);
  }

  /** Where the document came from (a path, or a description). */
  public String source() {
    return source;
  }

  public Set<String> keys() {
    return entries.keySet();
  }

  public boolean has(String key) {
    return entries.containsKey(key.toLowerCase(Locale.ROOT));
  }

  public Optional<HrdEntry> entry(String key) {
    return Optional.ofNullable(entries.get(key.toLowerCase(Locale.ROOT)));
  }

  /** The line {@code key} is on, 0 if unknown. */
  public int line(String key) {
    return entry(key).map(HrdEntry::line).orElse(0);
  }

  /** The value as written (no substitution), or null. */
  public Object raw(String key) {
    return entry(key).map(HrdEntry::value).orElse(null);
  }

  /**
   * The value with its {@code $(...)} references substituted, or null if absent.
   *
   * @throws HrdCycleException if references lead back to {@code key}
   */
  public Object get(String key) {
    return resolve(key.toLowerCase(Locale.ROOT), new ArrayDeque<>());
  }

  public Optional<String> getString(String key) {
    Object value = get(key);
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  public String getString(String key, String fallback) {
    return getString(key).orElse(fallback);
  }

  /** The keys under {@code prefix} (e.g. {@code "process."}), in file order. */
  public List<String> keysWithPrefix(String prefix) {
    String p = prefix.toLowerCase(Locale.ROOT);
    return entries.keySet().stream().filter(k -> k.startsWith(p)).toList();
  }

  /** A copy with {@code key} set to {@code value}. */
  public Hrd with(String key, Object value) {
    Map<String, HrdEntry> copy = new LinkedHashMap<>(entries);
    String k = key.toLowerCase(Locale.ROOT);
    copy.put(k, new HrdEntry(k, value, String.valueOf(value), 0));
    return new Hrd(source, copy);
  }

  /** Every key with its substituted value, in file order. */
  public Map<String, Object> resolved() {
    Map<String, Object> all = new LinkedHashMap<>();
    for (String key : entries.keySet()) {
      all.put(key, get(key));
    }
    return all;
  }

  /** Every key with its value as written, in file order. */
  public Map<String, Object> rawValues() {
    Map<String, Object> all = new LinkedHashMap<>();
    entries.forEach((key, entry) -> all.put(key, entry.value()));
    return all;
  }

  private Object resolve(String key, Deque<String> resolving) {
    HrdEntry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (resolving.contains(key)) {
      List<String> chain = new java.util.ArrayList<>(resolving);
      Collections.reverse(chain);
      int start = chain.indexOf(key);
      String cycle =
          chain.subList(start, chain.size()).stream().collect(Collectors.joining(" -> "))
              + " -> "
              + key;
      throw new HrdCycleException(source, cycle);
    }
    resolving.push(key);
    try {
      return Substitution.deep(
          entry.value(),
          text ->
              Substitution.apply(
                  text,
                  ref ->
                      entries.containsKey(ref)
                          ? Optional.of(orEmpty(resolve(ref, resolving)))
                          : Optional.empty()));
    } finally {
      resolving.pop();
    }
  }

  private static Object orEmpty(Object value) {
    return value == null ? "" : value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hrd other && rawValues().equals(other.rawValues());
  }

  @Override
  public int hashCode() {
    return rawValues().hashCode();
  }

  @Override
  public String toString() {
    return "Hrd(" + source + ", " + entries.size() + " keys)";
  }
}
