package io.ays.executor.container;

/** A container could not be made or handled; the message names the process entry and field. */
public final class ContainerException extends RuntimeException {

  public ContainerException(String message) {
    super(message);
  }
}
