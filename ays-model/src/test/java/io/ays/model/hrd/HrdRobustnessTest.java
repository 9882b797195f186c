package io.ays.model.hrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Whatever the input, the parser answers with a document or an {@link HrdParseException}: never
 * another exception, never a hang. Reading every value (which substitutes references) may also
 * report a reference cycle, and nothing else.
 */
class HrdRobustnessTest {

  private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor();
  private static final Duration LIMIT = Duration.ofSeconds(5);

  @AfterContainer
  static void stopRunner() {
    RUNNER.shutdownNow();
  }

  @Property(tries = 2000)
  void arbitraryTextYieldsADocumentOrAParseError(@ForAll("hrdLike") String text) throws Exception {
    Future<String> outcome = RUNNER.submit(() -> parseAndRead(text));
    String result = outcome.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(result).isIn("parsed", "parse error", "cycle");
  }

  @Property(tries = 500)
  void randomUnicodeYieldsADocumentOrAParseError(@ForAll String text) throws Exception {
    Future<String> outcome = RUNNER.submit(() -> parseAndRead(text));
    assertThat(outcome.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS))
        .isIn("parsed", "parse error", "cycle");
  }

  /**
   * What parses is written back to equal data, or refused as {@link HrdWriter#write} documents: a
   * text holding both kinds of quote (the parser takes one bare, e.g. the dict key of {@code x =
   * "'a"b:}) has no HRD form. Nothing else may be refused.
   */
  @Property(tries = 2000)
  void whatParsesIsWrittenBackToEqualData(@ForAll("hrdLike") String text) {
    Hrd hrd;
    try {
      hrd = new HrdParser().parse(text, "fuzz.hrd");
    } catch (HrdParseException e) {
      return;
    }
    String written;
    try {
      written = new HrdWriter().write(hrd);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).contains("a text holding both ' and \" has no HRD form");
      return;
    }
    assertThat(new HrdParser().parse(written, "again.hrd")).isEqualTo(hrd);
  }

  @Example
  void aBareTextWithBothQuotesIsRefusedByTheWriterNamingItsKey() {
    Hrd hrd = new HrdParser().parse("key=\"'key$(a)a.b\"default:", "bare.hrd");
    assertThatThrownBy(() -> new HrdWriter().write(hrd))
        .hasMessageStartingWith("cannot write key 'key': a text holding both ' and \"");
  }

  private static String parseAndRead(String text) {
    Hrd hrd;
    try {
      hrd = new HrdParser().parse(text, "fuzz.hrd");
    } catch (HrdParseException e) {
      assertThat(e.getMessage()).startsWith("fuzz.hrd:");
      return "parse error";
    }
    try {
      hrd.resolved();
      new HrdWriter().write(hrd);
      return "parsed";
    } catch (HrdCycleException e) {
      return "cycle";
    } catch (IllegalArgumentException e) {
      // The parser takes a text holding both kinds of quote as bare text (e.g. the value of
      // {@code key = key'"'}); the writer refuses it, as documented. Any other refusal fails.
      if (e.getMessage().contains("a text holding both ' and \" has no HRD form")) {
        return "parsed";
      }
      throw e;
    }
  }

  @Provide
  Arbitrary<String> hrdLike() {
    Arbitrary<String> token =
        Arbitraries.of(
            "key",
            "a.b",
            " = ",
            "=",
            "'",
            "\"",
            ",",
            ":",
            "#",
            "@ASK ",
            "type:int ",
            "default:",
            "[",
            "]",
            "$(",
            ")",
            "$(a)",
            "$(key)",
            "\n",
            "\n    ",
            "    ",
            " ",
            "none",
            "12",
            "1.5",
            "true",
            "x",
            "\t",
            "\r\n",
            "process.1 =\n",
            "    cmd:'x',\n",
            "a = $(b)\nb = $(a)\n");
    return token.list().ofMaxSize(40).map(parts -> String.join("", parts));
  }
}
