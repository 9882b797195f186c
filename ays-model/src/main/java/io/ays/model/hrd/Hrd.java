package io.ays.model.hrd;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A parsed HRD document: lower-cased keys, sorted, each with its typed value and source line.
 * Reading a value substitutes its {@code $(key)} references lazily ({@link #raw} gives the value as
 * written). Immutable: {@link #with} and {@link #without} return changed copies.
 */
public final class Hrd {

  private final String source;
  private final SortedMap<String, HrdEntry> entries;

  Hrd(String source, Map<String, HrdEntry> entries) {
    this.source = source;
    this.entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  /** A document without keys. */
  public static Hrd empty(String source) {
    return new Hrd(source, Map.of());
  }

  /**
   * A document holding {@code values} (keys lower-cased), e.g. a resolved configuration. Values are
   * kept as given: String, Long, Double, Boolean, null, List or Map.
   */
  public static Hrd of(String source, Map<String, ?> values) {
    Map<String, HrdEntry> entries = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          String k = normalise(key);
          entries.put(k, new HrdEntry(k, value, HrdConversions.toText(value), 0));
        });
    return new Hrd(source, entries);
  }

  /** Where the document came from (a path, or a description). */
  public String source() {
    return source;
  }

  /** The keys, sorted. */
  public Set<String> keys() {
    return entries.keySet();
  }

  /** The entries, sorted by key. */
  public Collection<HrdEntry> entries() {
    return entries.values();
  }

  public boolean has(String key) {
    return entries.containsKey(normalise(key));
  }

  public Optional<HrdEntry> entry(String key) {
    return Optional.ofNullable(entries.get(normalise(key)));
  }

  /** The line {@code key} is on, 0 if unknown or set in code. */
  public int line(String key) {
    return entry(key).map(HrdEntry::line).orElse(0);
  }

  /** The keys under {@code prefix} (e.g. {@code "process."}), sorted. */
  public List<String> keysWithPrefix(String prefix) {
    String p = normalise(prefix);
    return entries.keySet().stream().filter(k -> k.startsWith(p)).toList();
  }

  /** The value as written (no substitution), or null if absent. */
  public Object raw(String key) {
    return entry(key).map(HrdEntry::value).orElse(null);
  }

  /**
   * The value with its {@code $(...)} references substituted, or null if absent (or none).
   *
   * @throws HrdCycleException if references lead back to {@code key}
   */
  public Object get(String key) {
    return new HrdResolution(this).value(normalise(key));
  }

  /** The substituted value; empty if the key is absent or its value is none. */
  public Optional<Object> getOptional(String key) {
    return Optional.ofNullable(get(key));
  }

  /**
   * The value as one-line text (none is empty, a list {@code a,b}, a dict {@code k:v,k2:v2}).
   *
   * @throws HrdValueException if the key is absent
   */
  public String getString(String key) {
    return HrdConversions.toText(require(key));
  }

  public String getString(String key, String fallback) {
    return has(key) ? getString(key) : fallback;
  }

  /** The text of the value, empty if the key is absent. */
  public Optional<String> optionalString(String key) {
    return has(key) ? Optional.of(getString(key)) : Optional.empty();
  }

  /**
   * A whole number: written bare ({@code 5}) or quoted ({@code '5'}).
   *
   * @throws HrdValueException if absent or not a whole number
   */
  public long getLong(String key) {
    Object value = require(key);
    Long number = HrdConversions.toLong(value);
    if (number == null) {
      throw problem(key, "expected a whole number, found '" + HrdConversions.toText(value) + "'");
    }
    return number;
  }

  public long getLong(String key, long fallback) {
    return has(key) && get(key) != null && !"".equals(get(key)) ? getLong(key) : fallback;
  }

  /** A whole number that fits an int. */
  public int getInt(String key) {
    long value = getLong(key);
    if (value != (int) value) {
      throw problem(key, value + " is too large");
    }
    return (int) value;
  }

  public int getInt(String key, int fallback) {
    return has(key) && get(key) != null && !"".equals(get(key)) ? getInt(key) : fallback;
  }

  /** A number, whole or not. */
  public double getDouble(String key) {
    Object value = require(key);
    Double number = HrdConversions.toDouble(value);
    if (number == null) {
      throw problem(key, "expected a number, found '" + HrdConversions.toText(value) + "'");
    }
    return number;
  }

  public double getDouble(String key, double fallback) {
    return has(key) && get(key) != null && !"".equals(get(key)) ? getDouble(key) : fallback;
  }

  /**
   * A boolean: {@code true}/{@code false}, {@code yes}/{@code no} or {@code 1}/{@code 0}, any case,
   * quoted or not; none or empty is false.
   *
   * @throws HrdValueException if absent or none of these
   */
  public boolean getBool(String key) {
    Object value = require(key);
    Boolean bool = HrdConversions.toBool(value);
    if (bool == null) {
      throw problem(
          key,
          "expected true or false (or yes/no, 1/0), found '" + HrdConversions.toText(value) + "'");
    }
    return bool;
  }

  public boolean getBool(String key, boolean fallback) {
    return has(key) ? getBool(key) : fallback;
  }

  /** A list (a text value is split on commas); empty if the key is absent or none. */
  public List<Object> getList(String key) {
    return HrdConversions.toList(get(key));
  }

  /** The list's items as text. */
  public List<String> getStringList(String key) {
    return getList(key).stream().map(HrdConversions::toText).toList();
  }

  /**
   * A dict; empty if the key is absent, none or empty.
   *
   * @throws HrdValueException if the value is not a dict
   */
  public Map<String, Object> getDict(String key) {
    Object value = get(key);
    Map<String, Object> dict = HrdConversions.toDict(value);
    if (dict == null) {
      throw problem(
          key, "expected a dict (k:v, k2:v2), found '" + HrdConversions.toText(value) + "'");
    }
    return dict;
  }

  /**
   * A copy with {@code key} set to {@code value} (String, Long, Double, Boolean, null, List, Map).
   */
  public Hrd with(String key, Object value) {
    Map<String, HrdEntry> copy = new LinkedHashMap<>(entries);
    String k = normalise(key);
    copy.put(k, new HrdEntry(k, value, HrdConversions.toText(value), 0));
    return new Hrd(source, copy);
  }

  /** A copy with every key of {@code other} set (its lines kept). */
  public Hrd withAll(Hrd other) {
    Map<String, HrdEntry> copy = new LinkedHashMap<>(entries);
    other.entries().forEach(e -> copy.put(e.key(), e));
    return new Hrd(source, copy);
  }

  /** A copy without {@code key}. */
  public Hrd without(String key) {
    Map<String, HrdEntry> copy = new LinkedHashMap<>(entries);
    copy.remove(normalise(key));
    return new Hrd(source, copy);
  }

  /** Every key with its substituted value, sorted by key. */
  public Map<String, Object> resolved() {
    HrdResolution resolution = new HrdResolution(this);
    Map<String, Object> all = new LinkedHashMap<>();
    for (String key : entries.keySet()) {
      all.put(key, resolution.value(key));
    }
    return all;
  }

  /** Every key with its value as written, sorted by key. */
  public Map<String, Object> rawValues() {
    Map<String, Object> all = new LinkedHashMap<>();
    entries.forEach((key, entry) -> all.put(key, entry.value()));
    return all;
  }

  HrdEntry rawEntry(String normalisedKey) {
    return entries.get(normalisedKey);
  }

  private Object require(String key) {
    if (!has(key)) {
      throw new HrdValueException(source, 0, normalise(key), "no such key");
    }
    return get(key);
  }

  private HrdValueException problem(String key, String message) {
    return new HrdValueException(source, line(key), normalise(key), message);
  }

  private static String normalise(String key) {
    return key.strip().toLowerCase(Locale.ROOT);
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
