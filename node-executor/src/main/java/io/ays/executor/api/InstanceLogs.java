package io.ays.executor.api;

import java.time.Instant;
import java.util.List;

/**
 * The ends of an instance's logs on this node: one entry per log file ({@code process.N.log} per
 * process, {@code hooks.log} for hooks), in name order.
 *
 * @param instanceKey {@code domain/name/instance}
 * @param node this node's id
 * @param folder where the logs are on this node
 * @param files the log files and their last lines
 */
public record InstanceLogs(String instanceKey, String node, String folder, List<LogFile> files) {

  /**
   * @param name the file name in the folder
   * @param sizeBytes its size
   * @param modifiedAt when it was last written
   * @param lines its last lines (or those after the asked position), oldest first
   * @param endOffset the position after these lines: where a follower asks from next
   */
  public record LogFile(
      String name, long sizeBytes, Instant modifiedAt, List<String> lines, long endOffset) {}
}
