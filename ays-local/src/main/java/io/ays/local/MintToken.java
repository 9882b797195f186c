package io.ays.local;

import io.ays.contracts.auth.TokenKeys;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code ./ays token --role operator --subject alice --ttl 24h [--push 'binary/*']}: prints a
 * bearer token signed with the local token key, for a person or a robot (docs/security.md, "Who may
 * do what"); {@code --push} names the hosted repositories a publisher may push to.
 */
public final class MintToken {

  private MintToken() {}

  // --push 'binary/*,meta/templates': the hosted repositories a publisher may push to.
  private static List<String> pushTo(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public static void main(String[] args) {
    try {
      CommandLine line =
          CommandLine.parse(
              "ays token", args, Set.of("private-key", "issuer", "role", "subject", "ttl", "push"));
      System.out.println(
          Tokens.mint(
              TokenKeys.readPrivateKey(Path.of(line.require("private-key"))),
              line.get("issuer", TokenKeys.DEFAULT_ISSUER),
              line.require("subject"),
              line.require("role"),
              Tokens.parseTtl(line.get("ttl", "24h")),
              pushTo(line.get("push", ""))));
    } catch (IllegalArgumentException e) {
      // a usage mistake: one line, no stack trace
      System.err.println("ays: " + e.getMessage());
      System.exit(2);
    }
  }
}
