package org.streamcount.replayer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The seed's producer: rows of several CSV files, interleaved by row index (file1 row1, file2
 * row1, file3 row1, file1 row2, ...), one message per row, a pause between rounds.
 */
@Command(name = "csv", mixinStandardHelpOptions = true,
    description = "Replays CSV rows, interleaved across files, one message per row.")
final class CsvCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "CSV files with a header row.")
  List<Path> files;

  @Option(names = "--interval", defaultValue = "5", paramLabel = "SECONDS",
      description = "Pause after each round of rows, as the original producer (default: ${DEFAULT-VALUE}; 0 = no pause).")
  double intervalSeconds;

  @Option(names = "--format", defaultValue = "pandas", paramLabel = "FORMAT",
      description = "pandas (a one-row records array, as the seed), json (one object) or csv (the row's text). Default: ${DEFAULT-VALUE}.")
  CsvFormatOption format;

  @Option(names = "--key-column", paramLabel = "NAME", description = "Use this column's text as the record key.")
  String keyColumn;

  @Option(names = "--skip-bad-rows", description = "Skip (and count) rows with a wrong number of fields instead of stopping.")
  boolean skipBadRows;

  @Option(names = {"--quiet", "-q"}, description = "Do not echo each message.")
  boolean quiet;

  @Override
  public Integer call() throws InterruptedException {
    if (intervalSeconds < 0) {
      throw new ReplayException(ExitCodes.USAGE, "--interval must not be negative");
    }
    PrintWriter err = spec.commandLine().getErr();
    // Read every file once before sending anything: a bad row in the last file must not leave
    // half a replay behind.
    List<Source> sources = new ArrayList<>();
    long total = 0;
    for (Path file : files) {
      CsvFile csv = CsvFile.scan(file, skipBadRows);
      int keyIndex = keyIndex(csv);
      if (csv.rowCount() == 0) {
        err.println("replayer: " + file + ": header only, no rows to send");
      }
      if (csv.badRows() > 0) {
        err.println("replayer: " + file + ": skipping " + csv.badRows() + " bad row(s)");
      }
      sources.add(new Source(csv, new PandasJson(csv.columns(), csv.types()), keyIndex));
      total += csv.rowCount();
    }

    Progress progress = new Progress(err, kafka.topic, total);
    List<CsvFile.RowStream> streams = new ArrayList<>();
    try (Delivery delivery = Delivery.open(kafka, progress, quiet ? null : spec.commandLine().getOut(), err)) {
      sources.forEach(s -> streams.add(s.csv.rows()));
      boolean more = true;
      while (more) {
        more = false;
        for (int i = 0; i < sources.size(); i++) {
          CsvFile.RowStream rows = streams.get(i);
          if (rows.hasNext()) {
            Source source = sources.get(i);
            List<String> values = rows.next().values();
            String text = source.encode(values, format);
            byte[] key = source.keyIndex < 0 ? null : values.get(source.keyIndex).getBytes(StandardCharsets.UTF_8);
            delivery.send(key, text.getBytes(StandardCharsets.UTF_8), text);
            more |= rows.hasNext();
          }
        }
        if (more && intervalSeconds > 0) {
          Thread.sleep(Math.round(intervalSeconds * 1000));
        }
      }
    } finally {
      streams.forEach(CsvFile.RowStream::close);
    }
    err.println("replayer: " + progress.summary());
    return 0;
  }

  private int keyIndex(CsvFile csv) {
    if (keyColumn == null) {
      return -1;
    }
    int index = csv.columns().indexOf(keyColumn);
    if (index < 0) {
      throw new ReplayException(ExitCodes.BAD_INPUT, csv.path() + ": no column named '" + keyColumn
          + "' for --key-column (columns: " + String.join(", ", csv.columns()) + ")");
    }
    return index;
  }

  private record Source(CsvFile csv, PandasJson json, int keyIndex) {
    String encode(List<String> values, CsvFormatOption format) {
      return switch (format) {
        case pandas -> json.records(values);
        case json -> json.object(values);
        case csv -> CSVFormat.RFC4180.format(values.toArray());
      };
    }
  }
}
