package org.streamcount.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.window;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryListener;

/**
 * The seed's PySpark listener in Java, with a Kafka sink instead of the console: read the topic,
 * {@code explode(split(value, ' '))}, {@code groupBy(word).count()}, complete output mode as the
 * seed ran it (or update mode), with Spark's 200 shuffle partitions as the seed ran it or as many
 * as the cores, as Spark's tuning guide advises for a small local job. Prints a {@code start-up:}
 * line (session, query start, first batch) for the bench's start-up profile.
 *
 * <pre>
 * StructuredWordCount BOOTSTRAP INPUT_TOPIC OUTPUT_TOPIC CHECKPOINT_DIR [SHUFFLE_PARTITIONS [OUTPUT_MODE [WINDOW_MINUTES]]]
 * </pre>
 *
 * <p>With WINDOW_MINUTES &gt; 0 it counts per window of the records' Kafka timestamps, {@code
 * groupBy(window(timestamp, "N minutes"), word)}, and keys each count as streamcount does, {@code
 * word@window-start}.
 */
public final class StructuredWordCount {
  private StructuredWordCount() {}

  public static void main(String[] args) throws Exception {
    long launched = ManagementFactory.getRuntimeMXBean().getStartTime();
    long jvm = System.currentTimeMillis();
    SparkSession spark =
        SparkSession.builder()
            .appName("StructuredWordCount")
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", args.length > 4 ? args[4] : "200")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    long session = System.currentTimeMillis();
    AtomicLong queryStarted = new AtomicLong();
    spark
        .streams()
        .addListener(
            new StreamingQueryListener() {
              private boolean reported;

              @Override
              public void onQueryStarted(QueryStartedEvent event) {}

              @Override
              public void onQueryProgress(QueryProgressEvent event) {
                if (!reported && event.progress().numInputRows() > 0) {
                  reported = true;
                  long done = System.currentTimeMillis();
                  System.err.printf(
                      Locale.ROOT,
                      "start-up: first batch done %.1f s after launch = jvm %.1f + session %.1f + query start %.1f"
                          + " + first batch %.1f (s)%n",
                      (done - launched) / 1e3,
                      (jvm - launched) / 1e3,
                      (session - jvm) / 1e3,
                      (queryStarted.get() - session) / 1e3,
                      (done - queryStarted.get()) / 1e3);
                }
              }

              @Override
              public void onQueryTerminated(QueryTerminatedEvent event) {}
            });
    Dataset<Row> lines =
        spark
            .readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", args[0])
            .option("subscribe", args[1])
            .option("startingOffsets", "earliest")
            .load()
            .selectExpr("CAST(value AS STRING) AS value", "timestamp");
    int windowMinutes = args.length > 6 ? Integer.parseInt(args[6]) : 0;
    Dataset<Row> words =
        lines.select(explode(split(col("value"), " ")).alias("word"), col("timestamp"));
    Dataset<Row> keyed =
        windowMinutes > 0
            ? words
                .groupBy(window(col("timestamp"), windowMinutes + " minutes"), col("word"))
                .count()
                .selectExpr(
                    "concat(word, '@', date_format(window.start, \"yyyy-MM-dd'T'HH:mm:ss'Z'\")) AS key",
                    "CAST(count AS STRING) AS value")
            : words
                .groupBy("word")
                .count()
                .selectExpr("word AS key", "CAST(count AS STRING) AS value");
    var query =
        keyed
            .writeStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", args[0])
            .option("topic", args[2])
            .option("checkpointLocation", args[3])
            .outputMode(args.length > 5 ? args[5] : "complete")
            .start();
    queryStarted.set(System.currentTimeMillis());
    query.awaitTermination();
  }
}
