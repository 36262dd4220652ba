package org.streamcount.replayer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.streamcount.kafka.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The seed's producer: rows of several CSV files, interleaved by row index (file1 row1, file2 row1,
 * file3 row1, file1 row2, ...), one message per row, a pause between rounds.
 */
@Command(
    name = "csv",
    mixinStandardHelpOptions = true,
    description = "Replays CSV rows, interleaved across files, one message per row.")
final class CsvCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "CSV files with a header row.")
  List<Path> files;

  @Option(
      names = "--interval",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description =
          "Pause after each round of rows, as the original producer (default: ${DEFAULT-VALUE}; 0 = no pause).")
  double intervalSeconds;

  @Option(
      names = "--format",
      defaultValue = "pandas",
      paramLabel = "FORMAT",
      description =
          "pandas (a one-row records array, as the seed), json (one object) or csv (the row's text). Default: ${DEFAULT-VALUE}.")
  CsvFormatOption format;

  @Option(
      names = "--key-column",
      paramLabel = "NAME",
      description = "Use this column's text as the record key.")
  String keyColumn;

  @Option(
      names = "--timestamp-column",
      paramLabel = "NAME",
      description =
          "Give each record this column's time as its Kafka timestamp (event time), e.g. the seed's 'timestamp'; "
              + "the message stays the same bytes. Default: the time of sending.")
  String timestampColumn;

  @Option(
      names = "--timestamp-format",
      paramLabel = "PATTERN",
      description =
          "How --timestamp-column is written, as a java.time pattern (e.g. 'dd/MM/yyyy HH:mm'). "
              + "Default: ISO-8601 with 'T' or a space (2019-10-01 09:00:00), or epoch milliseconds.")
  String timestampFormat;

  @Option(
      names = "--timezone",
      defaultValue = "UTC",
      paramLabel = "ZONE",
      description =
          "The zone of --timestamp-column times that carry no offset (default: ${DEFAULT-VALUE}).")
  String timezone;

  @Option(
      names = "--speedup",
      paramLabel = "N",
      description =
          "Pace by the rows' own times (--timestamp-column): the recorded gaps divided by N (1 = as recorded), "
              + "instead of --interval; files stay interleaved row by row.")
  Double speedup;

  @Option(
      names = "--skip-bad-rows",
      description = "Skip (and count) rows with a wrong number of fields instead of stopping.")
  boolean skipBadRows;

  @Option(
      names = {"--quiet", "-q"},
      description = "Do not echo each message.")
  boolean quiet;

  @Override
  public Integer call() throws InterruptedException {
    if (intervalSeconds < 0) {
      throw new ReplayException(ExitCode.USAGE, "--interval must not be negative");
    }
    if (speedup != null && timestampColumn == null) {
      throw new ReplayException(
          ExitCode.USAGE, "--speedup paces by the rows' own times: it needs --timestamp-column");
    }
    if (speedup != null && spec.commandLine().getParseResult().hasMatchedOption("--interval")) {
      throw new ReplayException(ExitCode.USAGE, "--speedup and --interval both pace: choose one");
    }
    EventTimePacing pacing = speedup == null ? null : new EventTimePacing(speedup);
    PrintWriter err = spec.commandLine().getErr();
    // Read every file once before sending anything: a bad row in the last file must not leave
    // half a replay behind.
    RowTimestamps times =
        timestampColumn == null
            ? null
            : new RowTimestamps(timestampColumn, new EventTimeFormat(timestampFormat, timezone));
    List<Source> sources = new ArrayList<>();
    long total = 0;
    long oldest = Long.MAX_VALUE;
    for (Path file : files) {
      CsvFile csv = CsvFile.scan(file, skipBadRows);
      int keyIndex = keyColumn == null ? -1 : csv.columnIndex(keyColumn, "--key-column");
      int timeIndex = times == null ? -1 : csv.columnIndex(timestampColumn, "--timestamp-column");
      if (times != null) {
        // every row's time read before anything is sent, as the rows themselves
        try (CsvFile.RowStream rows = csv.rows()) {
          while (rows.hasNext()) {
            oldest = Math.min(oldest, times.millis(file, rows.next(), timeIndex));
          }
        }
      }
      if (csv.rowCount() == 0) {
        err.println("replayer: " + file + ": header only, no rows to send");
      }
      if (csv.badRows() > 0) {
        err.println("replayer: " + file + ": skipping " + csv.badRows() + " bad row(s)");
      }
      sources.add(new Source(csv, new PandasJson(csv.columns(), csv.types()), keyIndex, timeIndex));
      total += csv.rowCount();
    }

    Progress progress = new Progress(err, kafka.topic, total);
    List<CsvFile.RowStream> streams = new ArrayList<>();
    Long oldestTimestamp = times == null || oldest == Long.MAX_VALUE ? null : oldest;
    try (Delivery delivery =
        Delivery.open(
            kafka, progress, quiet ? null : spec.commandLine().getOut(), err, oldestTimestamp)) {
      sources.forEach(s -> streams.add(s.csv.rows()));
      boolean more = true;
      while (more) {
        more = false;
        for (int i = 0; i < sources.size(); i++) {
          CsvFile.RowStream rows = streams.get(i);
          if (rows.hasNext()) {
            Source source = sources.get(i);
            CsvFile.Row row = rows.next();
            List<String> values = row.values();
            String text = source.encode(values, format);
            byte[] key =
                source.keyIndex < 0
                    ? null
                    : values.get(source.keyIndex).getBytes(StandardCharsets.UTF_8);
            Long timestamp =
                source.timeIndex < 0
                    ? null
                    : times.millis(source.csv.path(), row, source.timeIndex);
            if (pacing != null) {
              pacing.awaitDue(timestamp);
            }
            delivery.send(key, text.getBytes(StandardCharsets.UTF_8), text, timestamp);
            more |= rows.hasNext();
          }
        }
        if (more && intervalSeconds > 0 && pacing == null) {
          Thread.sleep(Math.round(intervalSeconds * 1000));
        }
      }
    } finally {
      streams.forEach(CsvFile.RowStream::close);
    }
    err.println("replayer: " + progress.summary());
    return 0;
  }

  private record Source(CsvFile csv, PandasJson json, int keyIndex, int timeIndex) {
    String encode(List<String> values, CsvFormatOption format) {
      return switch (format) {
        case pandas -> json.records(values);
        case json -> json.object(values);
        case csv -> CSVFormat.RFC4180.format(values.toArray());
      };
    }
  }
}
