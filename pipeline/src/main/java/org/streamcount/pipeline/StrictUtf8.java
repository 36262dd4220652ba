package org.streamcount.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A record value as a line, or nothing when the bytes are not UTF-8: the JDK's default decoding
 * would silently turn bad bytes into U+FFFD "words". The job and {@code bin/counts verify} decode
 * with this one rule, so the check recounts exactly what the job counted. Not thread-safe.
 */
public final class StrictUtf8 {
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /** The text of {@code bytes}; null when they are null or not UTF-8. */
  public String decode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return decoder.reset().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException notUtf8) {
      return null;
    }
  }
}
