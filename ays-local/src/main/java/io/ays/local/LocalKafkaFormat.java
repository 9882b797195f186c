package io.ays.local;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/**
 * Formats the local Kafka's storage (KRaft, standalone) with the admin principal's SCRAM-SHA-512
 * credential in the first metadata: the broker then authenticates itself and the setup tools as
 * that principal from its first start. Kafka's own StorageTool does the work, in this JVM, so that
 * the admin's password is read from its file and never appears on a command line.
 *
 * <p>Usage: {@code LocalKafkaFormat --config server.properties --admin-config admin.properties
 * --admin-principal ays-admin [--cluster-id ID]} (a random cluster id by default).
 */
public final class LocalKafkaFormat {

  private LocalKafkaFormat() {}

  public static void main(String[] args) throws Exception {
    int code;
    try {
      CommandLine cl =
          CommandLine.parse(
              "LocalKafkaFormat",
              args,
              Set.of("config", "admin-config", "admin-principal", "cluster-id"));
      String principal = KafkaCredentials.checked(cl.require("admin-principal"));
      String password = KafkaCredentials.passwordIn(Path.of(cl.require("admin-config")));
      String[] format = {
        "format",
        "--standalone",
        "--cluster-id",
        cl.get("cluster-id", Uuid.randomUuid().toString()),
        "--config",
        cl.require("config"),
        "--add-scram",
        KafkaCredentials.MECHANISM + "=[name=" + principal + ",password=" + password + "]"
      };
      code = storageTool(format, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      code = 2;
    }
    System.exit(code);
  }

  /** kafka.tools.StorageTool.execute, a runtime dependency (the broker's own jar). */
  private static int storageTool(String[] args, PrintStream out) throws Exception {
    Method execute =
        Class.forName("kafka.tools.StorageTool")
            .getMethod("execute", String[].class, PrintStream.class);
    try {
      return (Integer) execute.invoke(null, args, out);
    } catch (InvocationTargetException e) {
      // Its message names what is wrong (e.g. the storage is formatted already); never the args.
      System.err.println("Kafka storage format failed: " + e.getCause().getMessage());
      return 1;
    }
  }
}
