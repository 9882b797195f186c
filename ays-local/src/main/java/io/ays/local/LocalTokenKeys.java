package io.ays.local;

import io.ays.contracts.auth.Roles;
import io.ays.contracts.auth.TokenKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Makes the local AYS's token-signing key pair on first run ({@code ./ays up}): the private key
 * (PKCS#8 PEM, mode 0600) that mints tokens, the public key the four services verify them with; and
 * the local command line's {@code admin} token (mode 0600, valid a year), remade when missing or
 * when the pair is new. An existing pair is kept. Prints the files' paths, never a key or token.
 */
public final class LocalTokenKeys {

  private static final Duration CLI_TOKEN_TTL = Duration.ofDays(365);

  private LocalTokenKeys() {}

  public static void main(String[] args) {
    CommandLine line =
        CommandLine.parse(
            "LocalTokenKeys", args, Set.of("private-key", "public-key", "cli-token", "issuer"));
    Path privateKey = Path.of(line.require("private-key"));
    Path publicKey = Path.of(line.require("public-key"));
    Path cliToken = Path.of(line.require("cli-token"));
    String issuer = line.get("issuer", TokenKeys.DEFAULT_ISSUER);
    boolean made = false;
    if (Files.exists(privateKey) && Files.exists(publicKey)) {
      TokenKeys.readPrivateKey(privateKey); // fails with the file's name if it is not a key
      System.out.println("token key pair kept: " + privateKey);
    } else if (Files.exists(privateKey) || Files.exists(publicKey)) {
      throw new IllegalStateException(
          "only one half of the token key pair exists ("
              + privateKey
              + ", "
              + publicKey
              + "): remove it to have a new pair made");
    } else {
      TokenKeys.writeNewPair(TokenKeys.generate(), privateKey, publicKey);
      made = true;
      System.out.println("token key pair made: " + privateKey + " (mode 0600), " + publicKey);
    }
    if (made || !Files.exists(cliToken)) {
      Tokens.writeSecret(
          cliToken,
          Tokens.mint(
              TokenKeys.readPrivateKey(privateKey), issuer, "ays-cli", Roles.ADMIN, CLI_TOKEN_TTL));
      System.out.println("admin token of the command line written: " + cliToken + " (mode 0600)");
    } else {
      System.out.println("admin token of the command line kept: " + cliToken);
    }
  }
}
