package io.ays.executor.process;

/**
 * A supervised process ended; {@code expected} is true when this executor stopped it. {@code
 * exitCode} is null when the process was adopted after a restart of the executor: it is no longer
 * the executor's child, so its exit status cannot be read.
 */
public record ProcessExit(
    SupervisedProcess process, Integer exitCode, boolean expected, String outputTail) {}
