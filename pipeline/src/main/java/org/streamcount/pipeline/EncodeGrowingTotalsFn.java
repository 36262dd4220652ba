package org.streamcount.pipeline;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * All-time running totals ({@link CountWords#TOTALS}) to output records (see {@link TotalRecords}).
 */
final class EncodeGrowingTotalsFn extends DoFn<KV<String, Long>, ProducerRecord<String, byte[]>> {
  private final TotalRecords records;

  EncodeGrowingTotalsFn(KafkaClients kafka, String topic, OutputFormat format) {
    this.records = new TotalRecords(kafka, topic, format, EventTimeWindows.global());
  }

  @Setup
  public void setup() {
    records.setup();
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, Long> total, OutputReceiver<ProducerRecord<String, byte[]>> out) {
    ProducerRecord<String, byte[]> record = records.of(total.getKey(), total.getValue(), false);
    if (record != null) {
      out.output(record);
    }
  }

  @FinishBundle
  public void finishBundle() {
    records.finishBundle();
  }
}
