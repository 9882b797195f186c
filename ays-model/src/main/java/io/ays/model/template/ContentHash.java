package io.ays.model.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SHA-256 of a template's files: relative paths in sorted order, each with its length and
 * content, so the same files give the same hash whatever order the disk lists them in.
 */
public final class ContentHash {

  private ContentHash() {}

  /**
   * Why {@code files} are not the content that {@code declared} names, or empty if they are: a
   * consumer of a published template checks it this way, with the registry's own function.
   */
  public static Optional<String> mismatch(Map<String, byte[]> files, String declared) {
    String actual = of(files);
    return actual.equals(declared)
        ? Optional.empty()
        : Optional.of(
            "contentHash " + declared + " does not match the content, whose hash is " + actual);
  }

  public static String of(Map<String, byte[]> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
        digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Long.toString(file.getValue().length).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(file.getValue());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
