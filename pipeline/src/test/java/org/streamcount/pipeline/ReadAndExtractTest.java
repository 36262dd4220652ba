package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaRecordCoder;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.streamcount.pipeline.launch.PipelineStatus;

/** Poison records are counted and skipped; over-long words are counted and not emitted. */
public class ReadAndExtractTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static KafkaRecord<byte[], byte[]> record(long offset, byte[] value) {
    return new KafkaRecord<>(
        "lines", 0, offset, 0L, KafkaTimestampType.CREATE_TIME, null, null, value);
  }

  @Test
  public void poisonIsSkippedAndCounted() {
    PCollectionTuple decoded =
        pipeline
            .apply(
                Create.of(
                        record(0, "hello kafka".getBytes(StandardCharsets.UTF_8)),
                        record(1, null),
                        record(2, new byte[] {(byte) 0xC3, (byte) 0x28}), // invalid 2-byte sequence
                        record(3, new byte[] {(byte) 0xFF, 'a'}),
                        record(4, new byte[0]),
                        record(5, "café".getBytes(StandardCharsets.UTF_8)))
                    .withCoder(
                        KafkaRecordCoder.of(
                            NullableCoder.of(ByteArrayCoder.of()),
                            NullableCoder.of(ByteArrayCoder.of()))))
            .apply(
                ParDo.of(new DecodeLinesFn("dead-letters"))
                    .withOutputTags(DecodeLinesFn.LINES, TupleTagList.of(DecodeLinesFn.REJECTED)));
    PCollection<String> deadLetters =
        decoded
            .get(DecodeLinesFn.REJECTED)
            .setCoder(
                ProducerRecordCoder.of(
                    NullableCoder.of(ByteArrayCoder.of()), NullableCoder.of(ByteArrayCoder.of())))
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        r ->
                            r.topic()
                                + " "
                                + new String(
                                    r.headers().lastHeader(DecodeLinesFn.REASON_HEADER).value(),
                                    StandardCharsets.UTF_8)
                                + " "
                                + new String(
                                    r.headers().lastHeader(DecodeLinesFn.ORIGIN_HEADER).value(),
                                    StandardCharsets.UTF_8)));

    // a poison record goes on without text: its offset is read too
    PAssert.that(decoded.get(DecodeLinesFn.LINES).setCoder(Line.CODER))
        .containsInAnyOrder(
            new Line("hello kafka", "lines/0", 0),
            new Line(null, "lines/0", 1),
            new Line(null, "lines/0", 2),
            new Line(null, "lines/0", 3),
            new Line("", "lines/0", 4),
            new Line("café", "lines/0", 5));
    PAssert.that(deadLetters)
        .containsInAnyOrder(
            "dead-letters null value lines/0/1",
            "dead-letters not UTF-8 lines/0/2",
            "dead-letters not UTF-8 lines/0/3");
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertThat(counter(result, StreamCountMetrics.SKIPPED_RECORDS)).isEqualTo(3);
    assertThat(counter(result, StreamCountMetrics.LINES_READ)).isEqualTo(3);
  }

  @Test
  public void overLongWordsAreCountedNotEmitted() {
    String giant = "x".repeat(100_000);
    PCollection<String> words =
        pipeline
            .apply(Create.of("short " + giant + " words", "exactly1234"))
            .apply(PlacelessLines.of())
            .apply(ParDo.of(new ExtractWordsFn(new LineWords(new WordsTokenizer(), 11))));

    PAssert.that(words).containsInAnyOrder("short", "words", "exactly1234");
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertThat(counter(result, StreamCountMetrics.WORDS_TOO_LONG)).isEqualTo(1);
    assertThat(counter(result, StreamCountMetrics.WORDS_COUNTED)).isEqualTo(3);
  }

  private static long counter(PipelineResult result, String name) {
    return PipelineStatus.of(result).get(name);
  }
}
