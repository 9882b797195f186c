package io.ays.executor.persistence;

import java.time.Instant;

/**
 * A command this executor took on. Written before the action runs and completed with the encoded
 * result, so that a redelivered command is answered, never run a second time.
 *
 * @param result the encoded result event, once the action has finished; null while it runs
 */
public record ExecutedCommand(
    String commandId, String instanceKey, String phase, Instant startedAt, String result) {}
