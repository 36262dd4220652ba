package org.streamcount.replayer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Finds the line of the first byte sequence that is not UTF-8. A decoding reader reports the error
 * only for the whole buffer it was filling; users need the line to fix their file.
 */
final class Utf8Check {
  private Utf8Check() {}

  /**
   * @return the 1-based line of the first invalid sequence, empty if the file is valid UTF-8
   */
  static OptionalLong firstInvalidLine(Path file) throws IOException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    CharBuffer chars = CharBuffer.allocate(1 << 16);
    long line = 1;
    try (InputStream in = Files.newInputStream(file)) {
      boolean end = false;
      while (!end) {
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
          end = true;
        } else {
          bytes.position(bytes.position() + n);
        }
        bytes.flip();
        while (true) {
          CoderResult result = decoder.decode(bytes, chars, end);
          line += newlines(chars);
          if (result.isError()) {
            return OptionalLong.of(line);
          }
          if (result.isUnderflow()) {
            break;
          }
        }
        bytes.compact();
      }
      chars.clear();
      if (decoder.flush(chars).isError()) {
        return OptionalLong.of(line);
      }
    }
    return OptionalLong.empty();
  }

  private static long newlines(CharBuffer chars) {
    chars.flip();
    long count = 0;
    while (chars.hasRemaining()) {
      if (chars.get() == '\n') {
        count++;
      }
    }
    chars.clear();
    return count;
  }
}
