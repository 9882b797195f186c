package io.ays.monitor.domain;

import java.time.Instant;

/**
 * What the restart policy needs to know of an instance's past.
 *
 * @param consecutiveRestarts restarts since it last ran stably
 * @param upSince when it last became healthy, or null if it has not been seen up
 */
public record RestartHistory(int consecutiveRestarts, Instant upSince) {

  public static final RestartHistory NONE = new RestartHistory(0, null);
}
