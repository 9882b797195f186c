package io.ays.cli.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a trace tree: when, what, and what it led to.
 *
 * @param at when it happened; null for a heading
 * @param kind {@code correlation}, {@code request}, {@code run}, {@code step} or the monitor's
 *     history kind ({@code PROCESS_EXITED}, {@code RESTART_REQUESTED}, {@code GAVE_UP} ...)
 * @param text what happened, as one line
 * @param children what it led to, in time order
 */
public record TraceNode(Instant at, String kind, String text, List<TraceNode> children) {

  public TraceNode(Instant at, String kind, String text) {
    this(at, kind, text, new ArrayList<>());
  }
}
