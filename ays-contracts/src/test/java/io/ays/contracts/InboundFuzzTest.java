package io.ays.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever arrives on a topic, decoding it gives an event or an {@link InvalidEventException} (the
 * consumers' one documented refusal, dead-lettered with its reason): never another exception. The
 * inputs are valid events of every type, mutated (a character changed, inserted or deleted, a value
 * replaced by something hostile), and raw bytes.
 */
class InboundFuzzTest {

  private static final EventCodec CODEC = new EventCodec();

  private static final List<String> HOSTILE_VALUES =
      List.of(
          "null",
          "\"\"",
          "[]",
          "{}",
          "-1",
          "1e999",
          "\"../../etc/passwd\"",
          "\"http://user:pw@10.0.0.1/x?y#z\"",
          "\"file:///etc/shadow\"",
          "\"" + "x".repeat(5000) + "\"",
          "\"\\u0000\"",
          "{\"a\":".repeat(50) + "1" + "}".repeat(50),
          "true");

  @Property(tries = 400)
  void aMutatedEventDecodesOrIsRefusedWithTheDocumentedException(
      @ForAll("mutatedEvents") Mutated input) {
    assertThat(outcome(input.json, input.type.channel())).isIn("decoded", "refused");
  }

  @Property(tries = 200)
  void aHeartbeatDecodesOnlyWithAnEndpointOfHostAndPort(@ForAll("endpoints") String endpoint) {
    CloudEvent<?> genuine = Examples.eventOf(EventType.NODE_HEARTBEAT);
    String json =
        CODEC
            .encode(genuine)
            .replace(
                "\"endpoint\":\"http://node-7.example:8083\"", "\"endpoint\":" + quoted(endpoint));
    try {
      NodeHeartbeat heartbeat = CODEC.decode(json, Channel.NODES).as(NodeHeartbeat.class).data();
      assertThat(heartbeat.endpoint())
          .matches("https?://(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?/?");
    } catch (InvalidEventException e) {
      assertThat(e.getMessage()).contains("endpoint");
    }
  }

  @Property(tries = 300)
  void rawBytesDecodeOrAreRefusedWithTheDocumentedException(@ForAll byte[] bytes) {
    try {
      CODEC.decode(bytes);
    } catch (InvalidEventException e) {
      // documented
    }
  }

  private static String outcome(String json, Channel channel) {
    try {
      CODEC.decode(json, channel);
      return "decoded";
    } catch (InvalidEventException e) {
      return "refused";
    }
  }

  record Mutated(EventType type, String json) {}

  @Provide
  Arbitrary<Mutated> mutatedEvents() {
    Arbitrary<EventType> types = Arbitraries.of(EventType.values());
    return Combinators.combine(
            types,
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, Integer.MAX_VALUE),
            Arbitraries.chars().all(),
            Arbitraries.of(HOSTILE_VALUES))
        .as(
            (type, how, where, c, hostile) -> {
              String json = CODEC.encode(Examples.eventOf(type));
              int at = where % json.length();
              String mutated =
                  switch (how) {
                    case 0 ->
                        json.substring(0, at) + c + json.substring(Math.min(json.length(), at + 1));
                    case 1 -> json.substring(0, at) + c + json.substring(at);
                    case 2 ->
                        json.substring(0, at) + json.substring(Math.min(json.length(), at + 1));
                    default -> replaceValue(json, at, hostile);
                  };
              return new Mutated(type, mutated);
            });
  }

  @Provide
  Arbitrary<String> endpoints() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "http://",
            "https://",
            "ftp://",
            "file:///",
            "user:pw@",
            "10.0.0.1",
            "[::1]",
            "node-7",
            ".example",
            ":8083",
            ":99999",
            "/",
            "/admin",
            "?x=1",
            "#f",
            "@",
            " ",
            "\n",
            "%2F",
            "..");
    return pieces.list().ofMinSize(1).ofMaxSize(6).map(list -> String.join("", list));
  }

  /** {@code json} with the value after the {@code :} nearest before {@code at} replaced. */
  private static String replaceValue(String json, int at, String value) {
    int colon = json.lastIndexOf("\":", at);
    if (colon < 0) {
      return value;
    }
    int start = colon + 2;
    int end = start;
    int depth = 0;
    boolean inString = false;
    for (; end < json.length(); end++) {
      char ch = json.charAt(end);
      if (inString) {
        if (ch == '\\') {
          end++;
        } else if (ch == '"') {
          inString = false;
        }
      } else if (ch == '"') {
        inString = true;
      } else if (ch == '{' || ch == '[') {
        depth++;
      } else if (ch == '}' || ch == ']') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (ch == ',' && depth == 0) {
        break;
      }
    }
    return json.substring(0, start) + value + json.substring(end);
  }

  private static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
