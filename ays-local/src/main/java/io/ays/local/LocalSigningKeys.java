package io.ays.local;

import io.ays.contracts.signing.SigningKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Makes the local AYS's command-signing key pair on first run ({@code ./ays up}): the private key
 * (PKCS#8 PEM, mode 0600) for the coordinator, the public key for the executor. An existing pair is
 * kept. Prints the files' paths, never a key.
 */
public final class LocalSigningKeys {

  private LocalSigningKeys() {}

  public static void main(String[] args) {
    CommandLine line =
        CommandLine.parse("LocalSigningKeys", args, Set.of("private-key", "public-key"));
    Path privateKey = Path.of(line.require("private-key"));
    Path publicKey = Path.of(line.require("public-key"));
    if (Files.exists(privateKey) && Files.exists(publicKey)) {
      SigningKeys.readPrivateKey(privateKey); // fails with the file's name if it is not a key
      SigningKeys.readPublicKey(publicKey);
      System.out.println("signing key pair kept: " + privateKey);
      return;
    }
    if (Files.exists(privateKey) || Files.exists(publicKey)) {
      throw new IllegalStateException(
          "only one half of the signing key pair exists ("
              + privateKey
              + ", "
              + publicKey
              + "): remove it to have a new pair made");
    }
    SigningKeys.writeNewPair(SigningKeys.generate(), privateKey, publicKey);
    System.out.println("signing key pair made: " + privateKey + " (mode 0600), " + publicKey);
  }
}
