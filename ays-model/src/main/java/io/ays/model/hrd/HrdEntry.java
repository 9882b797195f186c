package io.ays.model.hrd;

/**
 * One key of an HRD document: its value as typed by the parser (before {@code $(...)} substitution)
 * and where it was written.
 *
 * @param value a String, Long, Double, Boolean, null, {@code List<Object>} or {@code Map<String,
 *     Object>}
 * @param raw the text as written (for {@code @ASK} lines, the whole question)
 * @param line the line the key is on, 0 for keys set in code
 */
public record HrdEntry(String key, Object value, String raw, int line) {}
