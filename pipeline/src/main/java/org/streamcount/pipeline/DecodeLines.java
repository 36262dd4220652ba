package org.streamcount.pipeline;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Record value to line. A poison record (null value, bytes that are not UTF-8) is counted and
 * skipped: one bad producer must not stop the count for everybody else.
 */
final class DecodeLines extends DoFn<KafkaRecord<byte[], byte[]>, String> {
  private final Counter linesRead = StreamCountMetrics.counter(StreamCountMetrics.LINES_READ);
  private final Counter skipped = StreamCountMetrics.counter(StreamCountMetrics.SKIPPED_RECORDS);
  private transient CharsetDecoder utf8;
  private transient long readInBundle;
  private transient long skippedInBundle;

  @Setup
  public void setup() {
    // Strict: the JDK's default decoding would silently turn bad bytes into U+FFFD "words".
    utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  @ProcessElement
  public void processElement(@Element KafkaRecord<byte[], byte[]> record, OutputReceiver<String> out) {
    byte[] value = record.getKV().getValue();
    if (value == null) {
      skippedInBundle++;
      return;
    }
    CharBuffer line;
    try {
      line = utf8.reset().decode(ByteBuffer.wrap(value));
    } catch (CharacterCodingException e) {
      skippedInBundle++;
      return;
    }
    readInBundle++;
    out.output(line.toString());
  }

  /** Counters once per bundle, not once per record: the status line needs no more. */
  @FinishBundle
  public void finishBundle() {
    linesRead.inc(readInBundle);
    skipped.inc(skippedInBundle);
    readInBundle = 0;
    skippedInBundle = 0;
  }
}
