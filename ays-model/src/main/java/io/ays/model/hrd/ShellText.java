package io.ays.model.hrd;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Substitution for text that a shell runs ({@code process.N}'s {@code cmd} and {@code args}, run as
 * {@code sh -c}): each substituted value becomes exactly one shell word holding the value
 * literally, whatever it contains, while the template's own shell syntax around the reference keeps
 * its meaning. Outside quotes the value is written POSIX single-quoted; inside the template's own
 * single or double quotes, that quote is closed, the single-quoted value written and the quote
 * reopened, so {@code echo "port $(p)"} becomes {@code echo "port "'9000'""}. A reference inside a
 * backquote or {@code ${...}} of the template cannot be quoted safely and is refused.
 */
public final class ShellText {

  private ShellText() {}

  /** {@code value} as one POSIX shell word: single-quoted, each {@code '} written {@code '\''}. */
  public static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /**
   * Substitutes the references in {@code text} (shell text), quoting each value; {@code lookup} as
   * in {@link Substitution#apply(String, Function)}. A reference left as written (an unknown key, a
   * list or dict) stays part of the shell text.
   *
   * @throws UnquotableReferenceException if a reference to be substituted stands inside a
   *     backquote, {@code ${...}} or after a here-document, or if the text leaves a quote open (its
   *     words could not be placed); a reference in a shell comment stays as written
   */
  public static String substitute(
      String source, String key, String text, Function<String, Optional<Object>> lookup) {
    Matcher matcher = Substitution.REFERENCE.matcher(text);
    QuoteScanner scanner = QuoteScanner.shell();
    StringBuilder out = new StringBuilder();
    int last = 0; // copied to out up to here
    int fed = 0; // read by the scanner up to here
    boolean any = false;
    while (matcher.find()) {
      Optional<Object> value = lookup.apply(Substitution.referenceKey(matcher));
      boolean substituted =
          value.isPresent() && !(value.get() instanceof Map) && !(value.get() instanceof List);
      if (!substituted) {
        continue; // stays shell text: scanned with what follows
      }
      feed(scanner, text, fed, matcher.start());
      fed = matcher.start();
      if (scanner.inComment()) {
        continue; // a comment is not run: the reference stays as written
      }
      out.append(text, last, matcher.start());
      out.append(word(scanner, source, key, matcher.group(), String.valueOf(value.get())));
      scanner.wordWritten();
      last = matcher.end();
      fed = last;
      any = true;
    }
    feed(scanner, text, fed, text.length());
    out.append(text, last, text.length());
    if (any && !scanner.balanced()) {
      throw new UnquotableReferenceException(
          source,
          key,
          "a quote, $(...) or backquote opened in it is not closed in it, so the quoting of its"
              + " references cannot be known");
    }
    return out.toString();
  }

  /**
   * Why a reference of {@code text} (a recipe's {@code cmd} or {@code args}, before substitution)
   * could not be quoted once its key is known, or empty if every reference can be. References are
   * dotted keys ({@code $(instance.param.port)}); {@code $(date)} is the shell's own.
   */
  public static Optional<String> unquotable(String text) {
    try {
      substitute("", "", text, key -> key.contains(".") ? Optional.of("") : Optional.empty());
      return Optional.empty();
    } catch (UnquotableReferenceException e) {
      return Optional.of(e.problem());
    }
  }

  /** Whether {@code text} closes every quote, {@code $(...)} and backquote it opens. */
  public static boolean balanced(String text) {
    QuoteScanner scanner = QuoteScanner.shell();
    feed(scanner, text, 0, text.length());
    return scanner.balanced();
  }

  private static void feed(QuoteScanner scanner, String text, int from, int to) {
    for (int i = from; i < to; i++) {
      scanner.step(text.charAt(i));
    }
  }

  /** The value as a word that leaves the scanner's state as it was before the reference. */
  private static String word(
      QuoteScanner scanner, String source, String key, String reference, String value) {
    if (scanner.afterHeredoc()) {
      throw new UnquotableReferenceException(
          source,
          key,
          reference + " follows a here-document (<<), whose text is not shell syntax; refused");
    }
    char closer = scanner.nestedCloser();
    if (closer == '`' || closer == '}') {
      throw new UnquotableReferenceException(
          source,
          key,
          reference
              + " stands inside "
              + (closer == '`' ? "a backquote `...`" : "${...}")
              + ", where its value cannot be quoted safely; use $(...) or a variable instead");
    }
    // A backslash right before the reference would escape the quote that opens the word; a
    // backslash-newline is removed by the shell both outside and inside double quotes.
    // After a bare $, bash would read $'...' as ANSI-C quoting, where \' does not end the text.
    String prefix = scanner.escaped() ? "\n" : scanner.afterDollar() ? "\"\"" : "";
    char quote = scanner.quote();
    return quote == 0 ? prefix + quote(value) : prefix + quote + quote(value) + quote;
  }
}
