package org.streamcount.pipeline;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The whole job: lines from Kafka, words counted in a global window with a repeated trigger into
 * running totals (see {@link CountWords}), {@code word -> running count} back to Kafka. The same on
 * every runner.
 *
 * <pre>
 *   ReadLines ─► CountWords ─► WriteCounts
 * </pre>
 *
 * Built from a checked {@link JobConfig}, the table the job starts on, and the {@link KafkaClients}
 * to read and write with: the launch passes the real ones, the in-memory tests Kafka's mocks.
 */
public final class CountingTopology {
  private CountingTopology() {}

  /**
   * Applies the job to {@code pipeline}.
   *
   * @param start where the job starts and what from, decided once by the launch from the output
   *     topic
   */
  public static void applyTo(
      Pipeline pipeline, JobConfig job, StartPoint start, KafkaClients clients) {
    PCollectionTuple counted =
        pipeline
            .apply(
                "ReadLines",
                new ReadLines(
                    clients,
                    job.inputTopics(),
                    job.startFrom(),
                    start.offsets(),
                    job.deadLetterTopic(),
                    job.readLimit(),
                    !job.windows().isGlobal(),
                    job.idlePartitionTimeout()))
            .apply(
                "CountWords",
                CountWords.of(job.tokenizer(), job.maxWordLength())
                    .firingAfter(job.triggerDelay(), job.triggerEveryElements())
                    .inWindows(job.windows())
                    .withAllowedLateness(job.allowedLateness())
                    .closedBy(job.windowClosing())
                    .inShards(job.countShards())
                    .from(start, clients));
    counted.apply(
        "WriteCounts",
        new WriteCounts(
            clients,
            job.outputTopic(),
            job.outputFormat(),
            job.windows(),
            job.outageLimit(),
            start.tracked() ? job : null));
  }
}
