package io.ays.monitor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Points the service's console log handler at a file for a while, so that a test reads exactly what
 * the service writes to its console, formatted by the console's own formatter. (The handler holds
 * the JVM's first {@code System.out}: replacing {@code System.out} would not catch it.)
 */
final class ConsoleCopy implements AutoCloseable {

  private final List<ConsoleHandler> handlers;
  private final OutputStream file;
  private final Path path;

  private ConsoleCopy(List<ConsoleHandler> handlers, OutputStream file, Path path) {
    this.handlers = handlers;
    this.file = file;
    this.path = path;
  }

  /** From now until {@link #close}, every console log line goes to {@code path} instead. */
  static ConsoleCopy into(Path path) {
    List<ConsoleHandler> handlers = new ArrayList<>();
    collect(LogContext.getLogContext().getLogger("").getHandlers(), handlers);
    if (handlers.isEmpty()) {
      throw new IllegalStateException("the service has no console log handler");
    }
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      OutputStream file = Files.newOutputStream(path);
      handlers.forEach(handler -> handler.setOutputStream(file));
      return new ConsoleCopy(handlers, file, path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path path() {
    return path;
  }

  /** The console writes to standard output again. */
  @Override
  public void close() throws IOException {
    handlers.forEach(handler -> handler.setTarget(ConsoleHandler.Target.SYSTEM_OUT));
    file.close();
  }

  private static void collect(Handler[] candidates, List<ConsoleHandler> found) {
    for (Handler handler : candidates) {
      if (handler instanceof ConsoleHandler console) {
        found.add(console);
      } else if (handler instanceof ExtHandler parent) {
        // Quarkus puts its handlers under a delayed (and maybe an async) handler.
        collect(parent.getHandlers(), found);
      }
    }
  }
}
