package io.ays.monitor.live;

import io.ays.monitor.api.InstanceHealthView;
import java.time.Instant;

/**
 * One message of the server-sent-events stream ({@code GET /events}).
 *
 * @param type {@code hello} (first message of every stream), {@code change} (an instance's health,
 *     lifecycle or supervision changed) or {@code ping} (keeps idle connections open)
 * @param kind for a change: the history kind, e.g. STATUS_CHANGED or RESTART_REQUESTED
 * @param message for a change: what happened, as in the history
 * @param at when the stream message was made (hello, ping) or the change happened
 * @param instance for a change: the instance as {@code GET /health/{key}} shows it, after the
 *     change
 */
public record LiveEvent(
    String type, String kind, String message, Instant at, InstanceHealthView instance) {

  static LiveEvent hello() {
    return new LiveEvent("hello", null, null, Instant.now(), null);
  }

  static LiveEvent ping() {
    return new LiveEvent("ping", null, null, Instant.now(), null);
  }

  static LiveEvent change(InstanceChange change, InstanceHealthView instance) {
    return new LiveEvent("change", change.kind(), change.message(), change.at(), instance);
  }
}
