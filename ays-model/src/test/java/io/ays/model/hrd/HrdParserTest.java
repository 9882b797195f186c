package io.ays.model.hrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        .hasMessage("t/service.hrd:2:5: expected '=' after key 'this'");
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

  @Test
  void aValueStartingWithAskIsKeptButALineStartingWithAtIsSkipped() {
    Hrd hrd = parse("  @skipped\n@also skipped\na = @ASK type:str\n");
    assertThat(hrd.keys()).containsExactly("a");
    assertThat(hrd.raw("a")).isEqualTo("@ASK type:str");
  }

  @Test
  void anUnquotedUrlReadsAsADictLikeTheOriginalButAQuotedOneIsAString() {
    Hrd hrd = parse("a = http://x.org/y\nb = 'http://x.org/y'\nc =\n    url:http://x:80/y,\n");
    assertThat(hrd.raw("a")).isEqualTo(Map.of("http", "//x.org/y"));
    assertThat(hrd.raw("b")).isEqualTo("http://x.org/y");
    // inside a dict only the first colon separates: the value keeps its colons
    assertThat(hrd.raw("c")).isEqualTo(Map.of("url", "http://x:80/y"));
  }

  @Test
  void doubleQuotesInsideSingleQuotesAreLiteral() {
    Hrd hrd = parse("process.1 =\n    cmd:'\"$(base)/webdis\"',\n    name:'\"webdis\"',\n");
    assertThat(hrd.raw("process.1"))
        .isEqualTo(Map.of("cmd", "\"$(base)/webdis\"", "name", "\"webdis\""));
  }

  @Test
  void trueAndFalseAreBooleansWhileYesAndNoStayText() {
    Hrd hrd = parse("a = True\nb = FALSE\nc = yes\nd = 'true'\n");
    assertThat(hrd.raw("a")).isEqualTo(true);
    assertThat(hrd.raw("b")).isEqualTo(false);
    assertThat(hrd.raw("c")).isEqualTo("yes");
    assertThat(hrd.raw("d")).isEqualTo("true");
  }

  @Test
  void aQuotedNumberIsTextAndABareOneANumber() {
    Hrd hrd = parse("a = '60'\nb = 60\nc = 1.5e3\nd = 1.2.3\n");
    assertThat(hrd.raw("a")).isEqualTo("60");
    assertThat(hrd.raw("b")).isEqualTo(60L);
    assertThat(hrd.raw("c")).isEqualTo(1500.0);
    assertThat(hrd.raw("d")).isEqualTo("1.2.3");
  }

  @Test
  void emptyValuesAndTheLoneColonOfAnEmptyDict() {
    Hrd hrd = parse("a =\nb = :\nc = []\nd =\n    x:,\n    y:'',\n");
    assertThat(hrd.raw("a")).isEqualTo("");
    assertThat(hrd.raw("b")).isEqualTo(Map.of());
    assertThat(hrd.raw("c")).isEqualTo(List.of());
    assertThat(hrd.raw("d")).isEqualTo(Map.of("x", "", "y", ""));
  }

  @Test
  void aBlockEndsAtABlankOrUnindentedLineAndSkipsCommentLines() {
    Hrd hrd = parse("l =\n    a,\n    # note\n    b,\n\n    \nt =\n    one\n    two # c\nz = 1\n");
    assertThat(hrd.raw("l")).isEqualTo(List.of("a", "b"));
    assertThat(hrd.raw("t")).isEqualTo("one\ntwo");
    assertThat(hrd.raw("z")).isEqualTo(1L);
  }

  @Test
  void keysAreSortedAndEachEntryKnowsItsLine() {
    Hrd hrd = parse("b = 1\n\na =\n    x,\n");
    assertThat(hrd.keys()).containsExactly("a", "b");
    assertThat(hrd.line("a")).isEqualTo(3);
    assertThat(hrd.line("b")).isEqualTo(1);
    assertThat(hrd.entry("a").orElseThrow().raw()).isEqualTo("x,");
  }

  @Test
  void aLaterKeyReplacesAnEarlierOne() {
    assertThat(parse("a = 1\na = 2\n").raw("a")).isEqualTo(2L);
  }

  @Test
  void aFileOverTheLimitIsRefusedNamingTheFileAndTheLimit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("service.hrd");
    Files.writeString(file, "a = 1\n".repeat(10));
    assertThatThrownBy(() -> new HrdParser(20).parse(file))
        .isInstanceOf(HrdParseException.class)
        .hasMessage(file + ":1:1: file is 60 bytes, over the limit of 20")
        .satisfies(e -> assertThat(((HrdParseException) e).source()).isEqualTo(file.toString()));
    assertThat(new HrdParser().parse(file).raw("a")).isEqualTo(1L);
  }
}
