package io.ays.executor.messaging;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.signing.CommandVerifier;
import io.ays.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a command may run on this node at all: signed by a trusted key, unchanged since,
 * not expired, and addressed to this node. Says why not, without key material.
 */
@ApplicationScoped
public class CommandTrust {

  /** Why a command must not run, and whether its sender should get a FAILED result. */
  public record Refusal(String reason, boolean answer) {}

  private final CommandVerifier verifier;
  private final String nodeId;
  private final Clock clock;

  public CommandTrust(CommandVerifier verifier, ExecutorConfig config, Clock clock) {
    this.verifier = verifier;
    this.nodeId = config.nodeId();
    this.clock = clock;
  }

  /**
   * @param json the message exactly as read from the topic: the signature covers its data
   * @param event the same message decoded
   */
  public Optional<Refusal> check(String json, CloudEvent<PhaseCommand> event) {
    Optional<String> problem = verifier.problem(json, Instant.now(clock));
    if (problem.isPresent()) {
      return Optional.of(new Refusal(problem.get(), true));
    }
    String target = event.data().node().value();
    if (!target.equals(nodeId)) {
      // No answer: the node it was signed for answers it; one from here could fail its step.
      return Optional.of(
          new Refusal("addressed to node " + target + ", but this is node " + nodeId, false));
    }
    return Optional.empty();
  }
}
