package io.ays.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ays.contracts.signing.CommandSignatures;
import io.ays.contracts.signing.CommandSigner;
import io.ays.contracts.signing.CommandVerifier;
import io.ays.contracts.signing.SigningKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing and verifying phase commands, and reading the key files. */
class CommandSigningTest {

  private static final KeyPair COORDINATOR = SigningKeys.generate();
  private static final KeyPair OTHER = SigningKeys.generate();
  private static final Instant NOW = Instant.parse("2025-05-01T10:16:00Z");
  private static final Instant EXPIRES = Instant.parse("2025-05-01T10:25:30Z");

  private final ObjectMapper mapper = new ObjectMapper();
  private final CommandSigner signer = new CommandSigner(COORDINATOR.getPrivate(), "ays-1");
  private final CommandVerifier verifier =
      new CommandVerifier(Map.of("ays-1", COORDINATOR.getPublic()));

  private String command() {
    return new EventCodec().encode(Examples.eventOf(EventType.COMMAND_PHASE));
  }

  @Test
  void aSignedCommandVerifiesAndStillDecodes() {
    String unsigned = command();
    String signed = signer.sign(unsigned, EXPIRES);

    assertThat(signed).startsWith(unsigned.substring(0, unsigned.length() - 1));
    assertThat(verifier.problem(signed, NOW)).isEmpty();
    assertThat(new EventCodec().decode(signed).data()).isEqualTo(Examples.command());
  }

  @Test
  void theSignatureSurvivesReorderingAndWhiteSpace() throws Exception {
    ObjectNode signed = (ObjectNode) mapper.readTree(signer.sign(command(), EXPIRES));
    ObjectNode data = (ObjectNode) signed.remove("data");
    ObjectNode reordered = mapper.createObjectNode();
    reordered.set("data", data);
    reordered.setAll(signed);

    assertThat(
            verifier.problem(
                mapper.writerWithDefaultPrettyPrinter().writeValueAsString(reordered), NOW))
        .isEmpty();
  }

  @Test
  void anUnsignedCommandIsRefused() {
    assertThat(verifier.problem(command(), NOW)).get().asString().startsWith("unsigned");
  }

  @Test
  void aCommandSignedWithAnotherKeyIsRefused() {
    String forged = new CommandSigner(OTHER.getPrivate(), "ays-1").sign(command(), EXPIRES);
    String unknown = new CommandSigner(OTHER.getPrivate(), "rogue").sign(command(), EXPIRES);

    assertThat(verifier.problem(forged, NOW)).get().asString().contains("does not match");
    assertThat(verifier.problem(unknown, NOW))
        .get()
        .asString()
        .contains("'rogue', which this node does not trust (trusted: ays-1)");
  }

  @Test
  void changingTheDataTheNodeTheIdOrTheExpiryBreaksTheSignature() throws Exception {
    String signed = signer.sign(command(), EXPIRES);
    for (String[] change :
        List.of(
            new String[] {"data", "phase", "START"},
            new String[] {"data", "node", "node8"},
            new String[] {"data", "commandId", "other/1/1"},
            new String[] {"", CommandSignatures.EXPIRES, "2030-01-01T00:00:00Z"})) {
      ObjectNode root = (ObjectNode) mapper.readTree(signed);
      ObjectNode target = change[0].isEmpty() ? root : (ObjectNode) root.get(change[0]);
      target.put(change[1], change[2]);

      assertThat(verifier.problem(mapper.writeValueAsString(root), NOW))
          .as(change[1])
          .get()
          .asString()
          .contains("does not match");
    }
  }

  @Test
  void anExpiredCommandIsRefused() {
    String signed = signer.sign(command(), EXPIRES);

    assertThat(verifier.problem(signed, EXPIRES.plusSeconds(1)))
        .get()
        .asString()
        .startsWith("expired at 2025-05-01T10:25:30Z");
  }

  @Test
  void aNodeTrustingNoKeyRefusesEverything() {
    String signed = signer.sign(command(), EXPIRES);

    assertThat(new CommandVerifier(Map.of()).problem(signed, NOW))
        .get()
        .asString()
        .contains("trusts no signing key");
  }

  @Test
  void duplicateMembersAreRefusedRatherThanGuessed() {
    String signed = signer.sign(command(), EXPIRES);
    String doubled = signed.substring(0, signed.length() - 1) + ",\"data\":{}}";

    assertThat(verifier.problem(doubled, NOW)).get().asString().startsWith("unreadable");
  }

  @Test
  void keysRoundTripThroughPemFilesAndThePrivateOneIsOwnerOnly(@TempDir Path dir) throws Exception {
    Path privateFile = dir.resolve("keys/signing.pem");
    Path publicFile = dir.resolve("keys/signing.pub.pem");
    SigningKeys.writeNewPair(COORDINATOR, privateFile, publicFile);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(privateFile)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(publicFile)).startsWith("-----BEGIN PUBLIC KEY-----");
    String signed =
        new CommandSigner(SigningKeys.readPrivateKey(privateFile), "ays-2")
            .sign(command(), EXPIRES);
    CommandVerifier rotating =
        CommandVerifier.fromEntries(List.of("ays-1=" + publicFile, " ays-2 = " + publicFile, ""));
    assertThat(rotating.keyIds()).containsExactly("ays-1", "ays-2");
    assertThat(rotating.problem(signed, NOW)).isEmpty();
    assertThatThrownBy(() -> SigningKeys.writeNewPair(OTHER, privateFile, publicFile))
        .hasMessageContaining(privateFile.toString());
  }

  @Test
  void badKeyFilesAreNamedWithoutTheirContent(@TempDir Path dir) throws Exception {
    Path publicFile = dir.resolve("pub.pem");
    SigningKeys.writeNewPair(COORDINATOR, dir.resolve("key.pem"), publicFile);

    assertThatThrownBy(() -> SigningKeys.readPrivateKey(publicFile))
        .hasMessageContaining(publicFile.toString())
        .hasMessageContaining("BEGIN PRIVATE KEY");
    assertThatThrownBy(() -> CommandVerifier.fromEntries(List.of(publicFile.toString())))
        .hasMessageContaining("<key id>=<path");
  }
}
