package io.ays.local;

import io.ays.contracts.auth.TokenKeys;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code ./ays token --role operator --subject alice --ttl 24h}: prints a bearer token signed with
 * the local token key, for a person or a robot (docs/security.md, "Who may do what").
 */
public final class MintToken {

  private MintToken() {}

  public static void main(String[] args) {
    try {
      CommandLine line =
          CommandLine.parse(
              "ays token", args, Set.of("private-key", "issuer", "role", "subject", "ttl"));
      System.out.println(
          Tokens.mint(
              TokenKeys.readPrivateKey(Path.of(line.require("private-key"))),
              line.get("issuer", TokenKeys.DEFAULT_ISSUER),
              line.require("subject"),
              line.require("role"),
              Tokens.parseTtl(line.get("ttl", "24h"))));
    } catch (IllegalArgumentException e) {
      // a usage mistake: one line, no stack trace
      System.err.println("ays: " + e.getMessage());
      System.exit(2);
    }
  }
}
