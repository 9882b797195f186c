package io.ays.cli.trace;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Prints a trace tree with box-drawing branches, each line led by its time (UTC). */
public final class TreePrinter {

  private TreePrinter() {}

  public static void print(PrintWriter out, TraceNode root) {
    out.println(line(root));
    printChildren(out, root.children(), "");
  }

  private static void printChildren(PrintWriter out, List<TraceNode> children, String indent) {
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      TraceNode child = children.get(i);
      out.println(indent + (last ? "└─ " : "├─ ") + line(child));
      printChildren(out, child.children(), indent + (last ? "   " : "│  "));
    }
  }

  private static String line(TraceNode node) {
    return node.at() == null ? node.text() : time(node.at()) + "  " + node.text();
  }

  static String time(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
