package io.ays.monitor.api;

import io.ays.monitor.domain.Supervision;
import io.ays.monitor.domain.Supervisions;
import io.ays.monitor.persistence.InstanceHealthEntity;
import java.time.Instant;

/**
 * One instance's health as the REST API shows it.
 *
 * @param status the last reported health: UP, DEGRADED, DOWN or UNKNOWN (none reported yet)
 * @param statusSince when {@code status} last changed
 * @param lifecycleState the last lifecycle state the coordinator announced; null if none seen
 * @param supervision what the monitor does about it: WATCHING, RESTART_PENDING, RESTARTING, FAILED
 *     or UNSUPERVISED
 * @param upSince when it was last seen becoming UP; null while it is not up
 * @param restarts restart requests the monitor sent for it, ever
 * @param consecutiveRestarts restarts in the current crash loop (the restart policy's count)
 * @param restartDueAt when the pending restart will be sent; null if none is pending
 * @param failed whether the monitor gave up on it; {@code failedReason} says why
 * @param updatedAt when the monitor last changed anything of it (the newest view wins)
 */
public record InstanceHealthView(
    String instanceKey,
    String node,
    String status,
    String statusSource,
    Instant statusSince,
    Instant lastReportAt,
    String lastMessage,
    String lastOutput,
    Integer lastExitCode,
    String lastProcess,
    String lifecycleState,
    Instant lifecycleSince,
    Supervision supervision,
    Instant upSince,
    int restarts,
    int consecutiveRestarts,
    Instant restartDueAt,
    String restartReason,
    Instant restartRequestedAt,
    boolean failed,
    String failedReason,
    Instant failedAt,
    Instant updatedAt) {

  public static InstanceHealthView of(InstanceHealthEntity h) {
    return new InstanceHealthView(
        h.instanceKey,
        h.node,
        h.status,
        h.statusSource,
        h.statusSince,
        h.lastReportAt,
        h.lastMessage,
        h.lastOutput,
        h.lastExitCode,
        h.lastProcess,
        h.lifecycleState,
        h.lifecycleSince,
        Supervisions.of(h).supervision(),
        h.upSince,
        h.restartCount,
        h.consecutiveRestarts,
        h.restartDueAt,
        h.restartReason,
        h.restartRequestedAt,
        h.failed,
        h.failedReason,
        h.failedAt,
        h.updatedAt);
  }
}
