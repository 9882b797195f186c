package io.ays.model.hrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A value substituted into shell text reaches the program as one literal word, whatever it holds:
 * checked by running the real {@code /bin/sh}.
 */
class ShellTextTest {

  @Property(tries = 300)
  void anyQuotedStringIsPrintedBackExactlyByTheShell(@ForAll("hostile") String value)
      throws Exception {
    assertThat(sh("printf %s " + ShellText.quote(value))).isEqualTo(value);
  }

  @Property(tries = 200)
  void aSubstitutedValueIsOneLiteralWordInEveryQuotingContext(
      @ForAll("hostile") String value, @ForAll("contexts") String template) throws Exception {
    String line = ShellText.substitute("t", "process.1.cmd", template, values(value));
    // Each context prints <value> between brackets, whatever the quotes around the reference.
    assertThat(sh(line)).isEqualTo("[" + value + "]");
  }

  @Test
  void anInjectedCommandIsPassedAsTextAndNeverRuns() throws Exception {
    Path marker = Path.of("/tmp", "pwned-" + UUID.randomUUID());
    String answer = "x; touch " + marker + " $(touch " + marker + ") `touch " + marker + "`";
    String line = ShellText.substitute("t", "process.1.cmd", "printf %s $(v)", values(answer));
    assertThat(sh(line)).isEqualTo(answer);
    assertThat(marker).doesNotExist();
  }

  @Test
  void theTemplatesOwnShellSyntaxKeepsItsMeaning() throws Exception {
    String line =
        ShellText.substitute(
            "t",
            "process.1.cmd",
            "printf '%s|' $(v) && printf '%s' \"$(v)\" | tr a b; x=$(date +%Y) && printf .",
            values("a b"));
    assertThat(line)
        .isEqualTo(
            "printf '%s|' 'a b' && printf '%s' \"\"'a b'\"\" | tr a b; x=$(date +%Y) && printf .");
    assertThat(sh(line)).isEqualTo("a b|b b.");
  }

  @Test
  void aReferenceInsideTheTemplatesCommandSubstitutionIsQuotedThere() throws Exception {
    String line =
        ShellText.substitute(
            "t", "process.1.cmd", "printf %s \"$(printf '<%s>' \"$(v)\")\"", values("a\"b'c"));
    assertThat(sh(line)).isEqualTo("<a\"b'c>");
  }

  @Test
  void aReferenceAfterABareDollarCannotBecomeAnsiCQuoting() throws Exception {
    Path marker = Path.of("/tmp", "pwned-" + UUID.randomUUID());
    String value = "\\' ; touch " + marker + " ; '";
    String line = ShellText.substitute("t", "process.1.cmd", "printf %s $$(v)", values(value));
    assertThat(line).isEqualTo("printf %s $\"\"" + ShellText.quote(value));
    assertThat(sh(line)).endsWith(value);
    assertThat(marker).doesNotExist();
    if (Files.isExecutable(Path.of("/bin/bash"))) {
      Process bash = new ProcessBuilder("/bin/bash", "-c", line).redirectErrorStream(true).start();
      assertThat(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(value);
      assertThat(bash.waitFor()).isZero();
      assertThat(marker).doesNotExist();
    }
  }

  @Test
  void aReferenceAfterABackslashStaysOneWord() throws Exception {
    String line = ShellText.substitute("t", "process.1.cmd", "printf %s \\$(v)", values("a; b"));
    assertThat(sh(line)).isEqualTo("a; b");
  }

  @Test
  void aReferenceInsideABackquoteOrBracesIsRefusedNamingIt() {
    assertThatThrownBy(
            () -> ShellText.substitute("web.hrd", "process.1.cmd", "echo `echo $(v)`", values("x")))
        .isInstanceOf(UnquotableReferenceException.class)
        .hasMessageContaining("web.hrd: process.1.cmd: $(v) stands inside a backquote");
    assertThatThrownBy(
            () -> ShellText.substitute("web.hrd", "process.1.cmd", "echo ${X:-$(v)}", values("x")))
        .isInstanceOf(UnquotableReferenceException.class)
        .hasMessageContaining("${...}");
  }

  @Test
  void aQuoteInACommentDoesNotMisleadTheQuotingOfTheNextLine() throws Exception {
    Path marker = Path.of("/tmp", "pwned-" + UUID.randomUUID());
    String value = "\"$(touch " + marker + ")\"";
    String line =
        ShellText.substitute(
            "t", "process.1.cmd", "true # don't \"mind $(v)\nprintf %s $(v)", values(value));
    assertThat(line).as("the comment keeps its reference as written").contains("mind $(v)");
    assertThat(sh(line)).isEqualTo(value);
    assertThat(marker).doesNotExist();
  }

  @Test
  void aReferenceAfterAHereDocumentOrInTextThatLeavesAQuoteOpenIsRefused() {
    assertThatThrownBy(
            () -> ShellText.substitute("t", "process.1.cmd", "cat <<EOF\n$(v)\nEOF", values("x")))
        .isInstanceOf(UnquotableReferenceException.class)
        .hasMessageContaining("here-document");
    assertThatThrownBy(
            () -> ShellText.substitute("t", "process.1.args", "echo \"$(v)", values("x")))
        .isInstanceOf(UnquotableReferenceException.class)
        .hasMessageContaining("t: process.1.args: a quote, $(...) or backquote opened in it");
    assertThat(ShellText.balanced("echo \"a\" 'b' $(c \"d\") `e` # it's")).isTrue();
    assertThat(ShellText.balanced("echo \"a")).isFalse();
  }

  @Test
  void unknownReferencesStayShellText() {
    assertThat(ShellText.substitute("t", "k", "echo $(date) $(v)", values("1")))
        .isEqualTo("echo $(date) '1'");
  }

  private static java.util.function.Function<String, Optional<Object>> values(String value) {
    Map<String, Object> keys = Map.of("v", value);
    return key -> Optional.ofNullable(keys.get(key));
  }

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> shellish =
        Arbitraries.strings().withChars("'\"\\$`;&|<>(){}*?[]#~=%!\n\t -abc").ofMaxLength(20);
    // NUL cannot be in an argument; any other character may be (surrogates have no UTF-8 form).
    Arbitrary<String> unicode =
        Arbitraries.strings().withCharRange('\u0001', '\ud7ff').ofMaxLength(12);
    return Arbitraries.oneOf(shellish, unicode);
  }

  @Provide
  Arbitrary<String> contexts() {
    return Arbitraries.of(
        "printf '[%s]' $(v)",
        "printf '[%s]' \"$(v)\"",
        "printf '[%s]' '$(v)'",
        "printf \"[%s]\" \"\"$(v)\"\"",
        "true | printf '[%s]' $(v) && true",
        "printf '%s' '['$(v)']'",
        "printf '%s' \"[$(v)]\"",
        "printf '%s' '[$(v)]'",
        "printf %s \"$(printf '[%s]' $(v))\"",
        "printf %s \"$(printf '[%s]' \"$(v)\")\"",
        "x=$(v) && printf '[%s]' \"$x\"");
  }

  private static String sh(String line) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("/bin/sh", "-c", line)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }
}
