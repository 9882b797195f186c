package io.ays.cli.rest;

import io.ays.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer token the CLI sends to every AYS service, and where it came from (for error messages).
 * Looked up in this order: {@code AYS_TOKEN}; {@code --token-file} or {@code AYS_TOKEN_FILE};
 * {@code $AYS_HOME/cli/token} ({@code ./ays up} writes it; {@code AYS_HOME} defaults to {@code
 * .ays} in the current folder). No token is not an error here: the services answer 401, and {@link
 * RestClient} says where a token comes from.
 */
public record BearerToken(Optional<String> value, String source) {

  /** No token at all (tests of commands that never reach a service). */
  public static BearerToken none() {
    return new BearerToken(Optional.empty(), "no token");
  }

  /** The token from the environment or the given file ({@code --token-file}, may be null). */
  public static BearerToken resolve(String tokenFile, Map<String, String> env) {
    String inline = env.get("AYS_TOKEN");
    if (inline != null && !inline.isBlank()) {
      return new BearerToken(Optional.of(inline.strip()), "AYS_TOKEN");
    }
    if (tokenFile != null && !tokenFile.isBlank()) {
      Path file = Path.of(tokenFile.strip());
      if (!Files.isRegularFile(file)) {
        throw CliException.usage("--token-file / AYS_TOKEN_FILE: no file " + file);
      }
      return new BearerToken(Optional.of(read(file)), file.toString());
    }
    String home = env.getOrDefault("AYS_HOME", "");
    Path file = (home.isBlank() ? Path.of(".ays") : Path.of(home)).resolve("cli").resolve("token");
    if (Files.isRegularFile(file)) {
      return new BearerToken(Optional.of(read(file)), file.toString());
    }
    return new BearerToken(
        Optional.empty(),
        "no token (set AYS_TOKEN, --token-file or AYS_TOKEN_FILE, or run ./ays up, which writes "
            + file
            + ")");
  }

  private static String read(Path file) {
    try {
      String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (token.isEmpty()) {
        throw CliException.usage("the token file " + file + " is empty");
      }
      return token;
    } catch (IOException e) {
      throw CliException.usage("cannot read the token file " + file + ": " + e.getMessage());
    }
  }
}
