package io.ays.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** One file of a template folder, with the executable bit hooks need. */
public record TemplateFile(FileEncoding encoding, String content, boolean executable) {

  public TemplateFile {
    Fields.required(encoding, "encoding");
    Fields.required(content, "content");
    if (encoding == FileEncoding.BASE64) {
      try {
        Base64.getDecoder().decode(content);
      } catch (IllegalArgumentException e) {
        throw new InvalidFieldException("content", "not valid base64: " + e.getMessage());
      }
    }
  }

  /** A file from its bytes: as text when they are UTF-8, else base64. */
  public static TemplateFile of(byte[] bytes, boolean executable) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return new TemplateFile(FileEncoding.TEXT, text, executable);
    } catch (CharacterCodingException e) {
      return new TemplateFile(
          FileEncoding.BASE64, Base64.getEncoder().encodeToString(bytes), executable);
    }
  }

  /** A text file. */
  public static TemplateFile text(String text, boolean executable) {
    return new TemplateFile(FileEncoding.TEXT, text, executable);
  }

  /** The file's bytes, whatever the encoding. */
  public byte[] bytes() {
    return encoding == FileEncoding.BASE64
        ? Base64.getDecoder().decode(content)
        : content.getBytes(StandardCharsets.UTF_8);
  }
}
