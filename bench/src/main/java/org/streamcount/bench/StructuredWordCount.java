package org.streamcount.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.split;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The seed's PySpark listener in Java, with a Kafka sink instead of the console: read the topic,
 * {@code explode(split(value, ' '))}, {@code groupBy(word).count()}, complete output mode.
 * Spark's defaults otherwise, as the seed ran it.
 *
 * <pre>StructuredWordCount BOOTSTRAP INPUT_TOPIC OUTPUT_TOPIC CHECKPOINT_DIR</pre>
 */
public final class StructuredWordCount {
  private StructuredWordCount() {}

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder()
        .appName("StructuredWordCount")
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    Dataset<Row> lines = spark.readStream().format("kafka")
        .option("kafka.bootstrap.servers", args[0])
        .option("subscribe", args[1])
        .option("startingOffsets", "earliest")
        .load()
        .selectExpr("CAST(value AS STRING) AS value");
    Dataset<Row> counts = lines.select(explode(split(col("value"), " ")).alias("word")).groupBy("word").count();
    counts.selectExpr("word AS key", "CAST(count AS STRING) AS value")
        .writeStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", args[0])
        .option("topic", args[2])
        .option("checkpointLocation", args[3])
        .outputMode("complete")
        .start()
        .awaitTermination();
  }
}
