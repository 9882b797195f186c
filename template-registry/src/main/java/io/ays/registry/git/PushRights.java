package io.ays.registry.git;

import io.ays.contracts.auth.PushClaim;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The hosted repositories a publisher's token may push to, from its {@link PushClaim} claim: each
 * entry a repository name ({@code binary/pkg}, with or without {@code .git}) where {@code *} stands
 * for any characters but {@code /} ({@code binary/*}: every repository of the group {@code binary};
 * {@code *}: every top-level one; {@code *}{@code /*}: every grouped one).
 */
public record PushRights(List<String> patterns) {

  private static final Pattern ENTRY =
      Pattern.compile("[A-Za-z0-9*][A-Za-z0-9._*-]*(/[A-Za-z0-9*][A-Za-z0-9._*-]*)?");

  public PushRights {
    patterns = List.copyOf(patterns);
  }

  /**
   * The rights a claim value gives: a list of strings (a JSON array), or one string of entries
   * separated by commas or spaces. Entries that are not names or patterns give no right.
   */
  public static PushRights of(Object claim) {
    List<String> entries = new ArrayList<>();
    if (claim instanceof Collection<?> values) {
      for (Object value : values) {
        entries.addAll(split(unquoted(value)));
      }
    } else if (claim != null) {
      entries.addAll(split(unquoted(claim)));
    }
    return new PushRights(
        entries.stream()
            .map(PushRights::withoutGitSuffix)
            .filter(e -> ENTRY.matcher(e).matches())
            .toList());
  }

  /** Whether these rights cover a push to {@code name}. */
  public boolean allow(HostedRepositoryName name) {
    String target = name.group() == null ? name.name() : name.group() + "/" + name.name();
    return patterns.stream().anyMatch(p -> glob(p).matcher(target).matches());
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String literal : pattern.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append("[^/]*");
      }
      regex.append(Pattern.quote(literal));
    }
    return Pattern.compile(regex.toString());
  }

  // A JSON string of an array may arrive as a JsonString whose text keeps its quotes.
  private static String unquoted(Object value) {
    String text = value.toString().strip();
    return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
        ? text.substring(1, text.length() - 1)
        : text;
  }

  private static List<String> split(String text) {
    return List.of(text.strip().split("[,\\s]+")).stream().filter(s -> !s.isEmpty()).toList();
  }

  private static String withoutGitSuffix(String entry) {
    return entry.endsWith(".git") ? entry.substring(0, entry.length() - 4) : entry;
  }
}
