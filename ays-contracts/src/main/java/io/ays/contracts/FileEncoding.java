package io.ays.contracts;

/** How a template file's content is written in JSON. */
public enum FileEncoding {
  /** UTF-8 text as is: readable in kcat and diffs. */
  TEXT,
  /** Base64 (RFC 4648, with padding), for anything that is not valid UTF-8. */
  BASE64
}
