package io.ays.model.hrd;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Walks text one character at a time and tracks whether it is inside quotes, by the rules of HRD
 * values (single or double quotes, no escapes) or of POSIX shell text ({@code sh -c}: also
 * backslash escapes, and command substitutions {@code $(...)}, backquotes and {@code ${...}} that
 * start a quoting context of their own). The one place that knows how quotes nest.
 */
final class QuoteScanner {

  /** Which rules the text follows. */
  enum Dialect {
    HRD,
    SHELL
  }

  /** A quoting context: the top level, or a nested {@code $(}, {@code ${} or backquote. */
  private static final class Frame {
    private final char closer;
    private char quote;
    private int parens;

    private Frame(char closer) {
      this.closer = closer;
    }
  }

  private final Dialect dialect;
  private final Deque<Frame> frames = new ArrayDeque<>();
  private boolean escaped;
  private boolean dollar;
  private boolean less;
  private boolean comment;
  private boolean heredoc;
  private char previous = '\n';

  QuoteScanner(Dialect dialect) {
    this.dialect = dialect;
    frames.push(new Frame((char) 0));
  }

  static QuoteScanner hrd() {
    return new QuoteScanner(Dialect.HRD);
  }

  static QuoteScanner shell() {
    return new QuoteScanner(Dialect.SHELL);
  }

  /**
   * Reads {@code c}.
   *
   * @return whether {@code c} stands outside any quote (and, in shell text, is not escaped and at
   *     the top level), so that it has its syntactic meaning
   */
  boolean step(char c) {
    return dialect == Dialect.HRD ? stepHrd(c) : stepShell(c);
  }

  /** The quote open in the current context: {@code '}, {@code "} or 0. */
  char quote() {
    return frames.peek().quote;
  }

  /** Whether the last character was a backslash that escapes the next one (shell text). */
  boolean escaped() {
    return escaped;
  }

  /** Whether the last character was a {@code $} that could prefix what follows. */
  boolean afterDollar() {
    return dollar;
  }

  /**
   * Whether the scanner is in a shell comment ({@code #} at the start of a word, to the line end).
   */
  boolean inComment() {
    return comment;
  }

  /** Whether a here-document operator ({@code <<}) was read: its body is not shell syntax. */
  boolean afterHeredoc() {
    return heredoc;
  }

  /** Whether the text read so far closes every quote and nested context it opened. */
  boolean balanced() {
    return frames.size() == 1 && frames.peek().quote == 0 && !escaped;
  }

  /** Whether the scanner is inside a command substitution, backquote or {@code ${...}}. */
  boolean nested() {
    return frames.size() > 1;
  }

  /** The kind of nested context ({@code `}, {@code )} or brace), or 0 at the top level. */
  char nestedCloser() {
    return frames.peek().closer;
  }

  /**
   * Notes that a complete word was written at this point (a substituted, quoted value), which ends
   * a pending backslash or {@code $}.
   */
  void wordWritten() {
    escaped = false;
    dollar = false;
    less = false;
    previous = 'x';
  }

  private boolean stepHrd(char c) {
    Frame frame = frames.peek();
    if (frame.quote != 0) {
      if (c == frame.quote) {
        frame.quote = 0;
      }
      return false;
    }
    if (c == '\'' || c == '"') {
      frame.quote = c;
      return false;
    }
    return true;
  }

  private boolean stepShell(char c) {
    char before = previous;
    previous = c;
    if (comment) {
      comment = c != '\n';
      return false;
    }
    Frame frame = frames.peek();
    boolean afterDollar = dollar;
    dollar = false;
    boolean afterLess = less;
    less = false;
    if (escaped) {
      escaped = false;
      return false;
    }
    if (frame.closer == '`') {
      if (c == '\\') {
        escaped = true;
      } else if (c == '`') {
        frames.pop();
      }
      return false;
    }
    if (frame.quote == '\'') {
      if (c == '\'') {
        frame.quote = 0;
      }
      return false;
    }
    if (c == '\\') {
      escaped = true;
      return false;
    }
    if (afterDollar && (c == '(' || c == '{')) {
      frames.push(new Frame(c == '(' ? ')' : '}'));
      return false;
    }
    if (c == '$') {
      dollar = true;
    } else if (c == '`') {
      frames.push(new Frame('`'));
      return false;
    }
    if (frame.quote == '"') {
      if (c == '"') {
        frame.quote = 0;
      }
      return false;
    }
    if (c == '\'' || c == '"') {
      frame.quote = c;
      return false;
    }
    if (c == '#' && " \t\n;&|()".indexOf(before) >= 0) {
      comment = true;
      return false;
    }
    if (c == '<') {
      heredoc |= afterLess;
      less = true;
    }
    if (frame.closer == ')' && c == '(') {
      frame.parens++;
    } else if (frame.closer == ')' && c == ')') {
      if (frame.parens > 0) {
        frame.parens--;
      } else {
        frames.pop();
      }
      return false;
    } else if (frame.closer == '}' && c == '}') {
      frames.pop();
      return false;
    }
    return frames.size() == 1;
  }
}
