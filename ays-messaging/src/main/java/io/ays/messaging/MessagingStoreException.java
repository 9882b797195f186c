package io.ays.messaging;

import java.sql.SQLException;

/**
 * A statement on a messaging table failed; the {@link SQLException} (and its state) is the cause.
 */
public class MessagingStoreException extends RuntimeException {

  public MessagingStoreException(String message, SQLException cause) {
    super(message, cause);
  }
}
