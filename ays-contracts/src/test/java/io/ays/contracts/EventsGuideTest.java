package io.ays.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/events.md shows a valid example of every event type, so users can copy them. */
class EventsGuideTest {

  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

  private final EventCodec codec = new EventCodec();

  @Test
  void everyJsonExampleOfTheGuideDecodesAndEveryTypeHasOne() throws IOException {
    String guide = Files.readString(ContractDocument.docsDir().resolve("events.md"));
    Set<String> shown = new TreeSet<>();
    List<String> failures = new ArrayList<>();
    Matcher blocks = JSON_BLOCK.matcher(guide);
    while (blocks.find()) {
      try {
        shown.add(codec.decode(blocks.group(1)).type().type());
      } catch (InvalidEventException e) {
        failures.add(e.getMessage() + " in\n" + blocks.group(1));
      }
    }

    assertThat(failures).isEmpty();
    assertThat(shown)
        .isEqualTo(
            Arrays.stream(EventType.values())
                .map(EventType::type)
                .collect(Collectors.toCollection(TreeSet::new)));
  }

  @Test
  void theKcatExampleIsAValidRequest() throws IOException {
    String guide = Files.readString(ContractDocument.docsDir().resolve("events.md"));
    Matcher kcat = Pattern.compile("echo '(.*?)' \\\\\\n\\s*\\| kcat -P").matcher(guide);
    assertThat(kcat.find()).as("kcat example in events.md").isTrue();
    // What the shell would send, with its substitutions done.
    String json =
        kcat.group(1)
            .replace(
                "'\"$(cat /proc/sys/kernel/random/uuid)\"'", "3f1c2b9a-6d0e-4a51-9c7b-2e8f0a1d5c44")
            .replace("'\"$(date -u +%FT%TZ)\"'", "2025-05-01T10:15:30Z");

    CloudEvent<ServiceRequest> request =
        codec.decode(json, Channel.REQUESTS).as(ServiceRequest.class);

    assertThat(request.type()).isEqualTo(EventType.REQUEST_INSTALL);
    assertThat(request.kafkaKey()).isEqualTo("_ays/demo/main");
  }

  @Test
  void theReasonsShownInTheGuideAreTheCodecsOwn() {
    assertThat(reasonFor("{\"id\": oops}"))
        .startsWith("not JSON at line 1 column 12: Unrecognized token 'oops'");
  }

  private String reasonFor(String json) {
    try {
      codec.decode(json);
      return null;
    } catch (InvalidEventException e) {
      return e.getMessage();
    }
  }
}
