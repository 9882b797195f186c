package io.ays.model.hrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HrdParserTest {

  private final HrdParser parser = new HrdParser();

  private Hrd parse(String text) {
    return parser.parse(text, "t/service.hrd");
  }

  @Test
  void scalarsAreTypedLikeTheOriginal() {
    Hrd hrd = parse("a = 12\nb = 1.5\nc = true\nd = none\ne = empty\nf = hello world\ng = -3\n");
    assertThat(hrd.raw("a")).isEqualTo(12L);
    assertThat(hrd.raw("b")).isEqualTo(1.5);
    assertThat(hrd.raw("c")).isEqualTo(true);
    assertThat(hrd.raw("d")).isNull();
    assertThat(hrd.raw("e")).isNull();
    assertThat(hrd.raw("f")).isEqualTo("hello world");
    assertThat(hrd.raw("g")).isEqualTo(-3L);
  }

  @Test
  void quotedStringKeepsCommasColonsSpacesAndHashes() {
    Hrd hrd = parse("a = 'x, y: z # not a comment'  # a comment\nb = \"it's\"\n");
    assertThat(hrd.raw("a")).isEqualTo("x, y: z # not a comment");
    assertThat(hrd.raw("b")).isEqualTo("it's");
  }

  @Test
  void colonMakesADictAndCommaAList() {
    Hrd hrd = parse("d = port:80, host:'a:b', tags:[x,y]\nl = a, 2, 'c,d'\n");
    assertThat(hrd.raw("d"))
        .isEqualTo(Map.of("port", 80L, "host", "a:b", "tags", List.of("x", "y")));
    assertThat(hrd.raw("l")).isEqualTo(List.of("a", 2L, "c,d"));
  }

  @Test
  void multiLineBlocksAreDictsListsOrText() {
    Hrd hrd =
        parse(
            """
            process.1 =
                cmd:'./bin/mongod',
                args:'--port $(instance.param.port)',
                ports:'27017;28017',
                timeout_start:'60',

            platform.supported =
                'linux64',
                'darwin',

            motd =
                Welcome to
                the machine
            next = 1
            """);
    assertThat(hrd.raw("process.1"))
        .isEqualTo(
            Map.of(
                "cmd",
                "./bin/mongod",
                "args",
                "--port $(instance.param.port)",
                "ports",
                "27017;28017",
                "timeout_start",
                "60"));
    assertThat(hrd.raw("platform.supported")).isEqualTo(List.of("linux64", "darwin"));
    assertThat(hrd.raw("motd")).isEqualTo("Welcome to\nthe machine");
    assertThat(hrd.raw("next")).isEqualTo(1L);
  }

  @Test
  void keysAreCaseInsensitiveAndCommentsAndAtLinesAreSkipped() {
    Hrd hrd = parse("# header\n@meta something\nParam.Port = 1 # trailing\n\n");
    assertThat(hrd.keys()).containsExactly("param.port");
    assertThat(hrd.raw("PARAM.port")).isEqualTo(1L);
  }

  @Test
  void askQuestionsAreKeptWhole() {
    Hrd hrd = parse("param.port = @ASK type:int default:27017 descr:'MONGODB: port'\n");
    assertThat(hrd.raw("param.port"))
        .isEqualTo("@ASK type:int default:27017 descr:'MONGODB: port'");
  }

  @Test
  void errorsNameFileLineColumnAndWhatWasExpected() {
    assertThatThrownBy(() -> parse("a = 1\nthis line has no equals\n"))
        .isInstanceOf(HrdParseException.class)
        .hasMessage(
            "t/service.hrd:2:1: expected 'key = value', found no '=' in 'this line has no equals'");
    assertThatThrownBy(() -> parse("a = 1\nb = 'open\n"))
        .isInstanceOf(HrdParseException.class)
        .hasMessageStartingWith("t/service.hrd:2:5: quote opened here is never closed");
    assertThatThrownBy(() -> parse("  indented = 1\n"))
        .hasMessageStartingWith("t/service.hrd:1:1: unexpected indented line");
    assertThatThrownBy(() -> parse("bad key = 1\n"))
        .hasMessageStartingWith("t/service.hrd:1:1: expected a key");
    assertThatThrownBy(() -> parse("d =\n    a:1,\n    oops,\n"))
        .hasMessageStartingWith("t/service.hrd:3:1: expected 'key:value,' in a multi-line dict");
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedNamingTheLimit() {
    HrdParser small = new HrdParser(10);
    assertThatThrownBy(() -> small.parse("a = 123456789012\n", "big.hrd"))
        .hasMessage("big.hrd:1:1: text is over the limit of 10 bytes");
  }
}
