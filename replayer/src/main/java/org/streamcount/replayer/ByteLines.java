package org.streamcount.replayer;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Lines as raw bytes, split like {@code kafka-console-producer} splits its input: on {@code \n},
 * with a trailing {@code \r} dropped, a last line without a newline kept. Bytes are not decoded, so
 * whatever a file holds (even invalid UTF-8) reaches Kafka unchanged.
 */
final class ByteLines implements AutoCloseable {
  private final InputStream in;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

  ByteLines(InputStream in) {
    this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
  }

  /** The next line without its line break, or null at the end. */
  byte[] next() throws IOException {
    line.reset();
    int b;
    boolean any = false;
    while ((b = in.read()) >= 0) {
      any = true;
      if (b == '\n') {
        return withoutCarriageReturn();
      }
      line.write(b);
    }
    return any ? withoutCarriageReturn() : null;
  }

  private byte[] withoutCarriageReturn() {
    byte[] bytes = line.toByteArray();
    int n = bytes.length;
    if (n > 0 && bytes[n - 1] == '\r') {
      return java.util.Arrays.copyOf(bytes, n - 1);
    }
    return bytes;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
