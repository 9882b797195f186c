package io.ays.contracts;

/** Prints every example event (for docs/events.md). Run by hand. */
final class PrintExamples {
  public static void main(String[] args) throws Exception {
    var mapper = EventJson.newObjectMapper();
    var codec = new EventCodec();
    for (EventType type : EventType.values()) {
      String json = codec.encode(Examples.eventOf(type));
      System.out.println("### " + type.type());
      System.out.println(
          mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json)));
    }
  }
}
