package org.streamcount.pipeline;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Running and final totals per window ({@link CountWords#WINDOW_TOTALS}) to output records, the
 * final ones marked (see {@link TotalRecords}).
 */
final class EncodeWindowTotalsFn
    extends DoFn<KV<String, WindowTotal>, ProducerRecord<String, byte[]>> {
  private final TotalRecords records;

  EncodeWindowTotalsFn(
      KafkaClients kafka, String topic, OutputFormat format, EventTimeWindows windows) {
    this.records = new TotalRecords(kafka, topic, format, windows);
  }

  @Setup
  public void setup() {
    records.setup();
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, WindowTotal> total, OutputReceiver<ProducerRecord<String, byte[]>> out) {
    WindowTotal value = total.getValue();
    ProducerRecord<String, byte[]> record =
        records.of(total.getKey(), value.total(), value.isFinal());
    if (record != null) {
      out.output(record);
    }
  }

  @FinishBundle
  public void finishBundle() {
    records.finishBundle();
  }
}
