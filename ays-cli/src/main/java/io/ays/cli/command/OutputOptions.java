package io.ays.cli.command;

import io.ays.cli.output.OutputFormat;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code -o table|json|yaml} (and {@code --json}, the same as {@code -o json}) of a listing. */
public class OutputOptions {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      converter = OutputFormat.Converter.class,
      description = "table (default), json or yaml")
  OutputFormat format = OutputFormat.TABLE;

  @Option(names = "--json", description = "the same as -o json")
  boolean json;

  OutputFormat format() {
    return json ? OutputFormat.JSON : format;
  }

  boolean structured() {
    return format().structured();
  }

  void print(PrintWriter out, Object value) {
    format().print(out, value);
  }
}
