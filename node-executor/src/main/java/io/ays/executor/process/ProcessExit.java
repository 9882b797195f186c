package io.ays.executor.process;

/** A supervised process ended; {@code expected} is true when this executor stopped it. */
public record ProcessExit(
    SupervisedProcess process, int exitCode, boolean expected, String outputTail) {}
