package io.ays.monitor.live;

import java.time.Instant;

/** A committed change of one instance, as recorded in its history. */
public record InstanceChange(String instanceKey, String kind, String message, Instant at) {}
