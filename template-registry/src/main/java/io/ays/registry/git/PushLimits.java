package io.ays.registry.git;

import io.ays.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The bounds of one push ({@code ays.registry.git.max-pack-size}), for the receive-pack, which is
 * made by a servlet built before runtime configuration exists.
 */
@ApplicationScoped
public class PushLimits {

  private final long maxPackBytes;

  public PushLimits(RegistryConfig config) {
    this.maxPackBytes = config.git().maxPackSize().asLongValue();
  }

  /** The largest pack a push may send, in bytes. */
  public long maxPackBytes() {
    return maxPackBytes;
  }
}
