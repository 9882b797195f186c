package io.ays.local;

import io.ays.contracts.secrets.SecretBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Makes the local AYS's secrets key on first run ({@code ./ays up}): a random 256-bit AES key, as
 * base64, mode 0600, with which the coordinator encrypts secret answers in its database. An
 * existing key is kept (a new one could not open what the old one sealed). Prints the file's path,
 * never the key.
 */
public final class LocalSecretsKey {

  private LocalSecretsKey() {}

  public static void main(String[] args) {
    CommandLine line = CommandLine.parse("LocalSecretsKey", args, Set.of("key-file"));
    Path file = Path.of(line.require("key-file"));
    if (Files.exists(file)) {
      SecretBox.fromKeyFile(file); // fails with the file's name if it holds no key
      System.out.println("secrets key kept: " + file);
      return;
    }
    SecretBox.writeNewKey(file);
    System.out.println("secrets key made: " + file + " (mode 0600)");
  }
}
