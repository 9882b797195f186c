package io.ays.contracts.bench;

import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.ExecutionRole;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.TemplateRef;
import io.ays.contracts.signing.CommandSigner;
import io.ays.contracts.signing.CommandVerifier;
import io.ays.contracts.signing.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What signing adds per command: one Ed25519 sign on the coordinator, one verify on the executor,
 * each with the canonical form of a typical command (docs/benchmarks.md, "Signed commands"). Usage:
 * {@code ays-contracts/bench/signing.sh [commands]}.
 */
public final class SigningBenchmark {

  private SigningBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    KeyPair pair = SigningKeys.generate();
    CommandSigner signer = new CommandSigner(pair.getPrivate(), "bench-1");
    CommandVerifier verifier = new CommandVerifier(Map.of("bench-1", pair.getPublic()));
    String json = command();
    Instant expires = Instant.now().plusSeconds(3600);
    System.out.printf("command: %d bytes of JSON%n", json.length());
    for (int round = 0; round < 2; round++) { // the first round warms up the JIT
      String signed = null;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        signed = signer.sign(json, expires);
      }
      long signNanos = System.nanoTime() - start;
      start = System.nanoTime();
      int refused = 0;
      for (int i = 0; i < n; i++) {
        refused += verifier.problem(signed, Instant.now()).isPresent() ? 1 : 0;
      }
      long verifyNanos = System.nanoTime() - start;
      long rawNanos = rawSignAndVerify(pair, json.getBytes(StandardCharsets.UTF_8), n);
      if (round == 1) {
        System.out.printf(
            "%d commands: sign %.1f us each, verify %.1f us each (%d refused);"
                + " the JDK's Ed25519 alone, sign + verify: %.1f us%n",
            n, signNanos / 1e3 / n, verifyNanos / 1e3 / n, refused, rawNanos / 1e3 / n);
      }
    }
  }

  /** Nanoseconds for {@code n} plain signs and verifies of {@code bytes}: the cost of the JDK. */
  private static long rawSignAndVerify(KeyPair pair, byte[] bytes, int n) {
    try {
      Signature signer = Signature.getInstance(SigningKeys.ALGORITHM);
      Signature verifier = Signature.getInstance(SigningKeys.ALGORITHM);
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        signer.initSign(pair.getPrivate());
        signer.update(bytes);
        byte[] signature = signer.sign();
        verifier.initVerify(pair.getPublic());
        verifier.update(bytes);
        if (!verifier.verify(signature)) {
          throw new IllegalStateException("a signature did not verify");
        }
      }
      return System.nanoTime() - start;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A command like those the coordinator sends: a process and a few answers in its config. */
  private static String command() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("instance.param.port", 8090);
    config.put("service.description", "a small HTTP server");
    config.put(
        "service.process.1",
        Map.of("cmd", "python3", "args", "-m http.server 8090", "ports", "8090"));
    InstanceKey key = new InstanceKey("examples", "hello-http", "main");
    UUID run = UUID.randomUUID();
    PhaseCommand command =
        new PhaseCommand(
            PhaseCommand.commandIdOf(run, 7, 1),
            run,
            7,
            1,
            key,
            NodeId.of("local"),
            ExecutionRole.NODE,
            Phase.START,
            new TemplateRef(key.domain(), key.name(), "ab".repeat(32)),
            config,
            120,
            Instant.now().plusSeconds(150));
    return new EventCodec()
        .encode(
            EventFactory.forService("lifecycle-coordinator")
                .create(EventType.COMMAND_PHASE, command));
  }
}
