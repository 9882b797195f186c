package io.ays.registry.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A metadata repository to sync: the domain its templates belong to, where it is, and which branch
 * (or pinned commit) to follow.
 *
 * <p>Written in configuration as {@code domain=url#ref}, several separated by commas; {@code ref}
 * is a branch name or a full 40-hex commit id and defaults to {@code master}. A url {@code
 * hosted:group/name} names a repository hosted by this registry ({@link HostedRepositories}): it is
 * read from disk, and a push to it syncs it at once.
 */
public record RepositorySource(String domain, String url, String ref) {

  private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final String HOSTED = "hosted:";

  public RepositorySource {
    if (domain == null || !DOMAIN.matcher(domain).matches()) {
      throw new IllegalArgumentException(
          "repository domain '" + domain + "' must match " + DOMAIN.pattern());
    }
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("repository '" + domain + "': url is empty");
    }
    if (ref == null || ref.isBlank()) {
      ref = "master";
    }
    if (url.startsWith(HOSTED)) {
      try {
        HostedRepositoryName.parse(url.substring(HOSTED.length()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("repository '" + domain + "': " + e.getMessage(), e);
      }
    }
  }

  /** The hosted repository this source names ({@code hosted:group/name}), if it names one. */
  public Optional<HostedRepositoryName> hostedName() {
    return url.startsWith(HOSTED)
        ? Optional.of(HostedRepositoryName.parse(url.substring(HOSTED.length())))
        : Optional.empty();
  }

  /** The same source fetched from {@code fetchUrl} (a hosted repository's folder). */
  public RepositorySource withUrl(String fetchUrl) {
    return new RepositorySource(domain, fetchUrl, ref);
  }

  /** Whether {@link #ref()} pins a commit rather than following a branch. */
  public boolean pinsCommit() {
    return COMMIT.matcher(ref).matches();
  }

  /** Parses one {@code domain=url#ref} entry. */
  public static RepositorySource parse(String entry) {
    String text = entry.trim();
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "repository entry '" + text + "': expected domain=url#branch");
    }
    String domain = text.substring(0, eq).trim();
    String rest = text.substring(eq + 1).trim();
    int hash = rest.lastIndexOf('#');
    String url = hash < 0 ? rest : rest.substring(0, hash);
    String ref = hash < 0 ? null : rest.substring(hash + 1);
    return new RepositorySource(domain, url, ref);
  }

  /** Parses a comma-separated list of entries; blank input is an empty list. */
  public static List<RepositorySource> parseList(String entries) {
    List<RepositorySource> sources = new ArrayList<>();
    if (entries == null || entries.isBlank()) {
      return sources;
    }
    for (String entry : entries.split(",")) {
      if (!entry.isBlank()) {
        sources.add(parse(entry));
      }
    }
    return sources;
  }
}
