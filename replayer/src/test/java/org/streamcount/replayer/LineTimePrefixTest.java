package org.streamcount.replayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.streamcount.kafka.ExitCode;

class LineTimePrefixTest {
  private final LineTimePrefix utc = new LineTimePrefix(new EventTimeFormat(null, "UTC"));

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private void assertSplit(LineTimePrefix prefix, String line, String instant, String message) {
    LineTimePrefix.Stamped stamped = prefix.split(bytes(line), "f.txt:1");
    assertThat(stamped.millis()).as(line).isEqualTo(at(instant));
    assertThat(new String(stamped.message(), StandardCharsets.UTF_8)).as(line).isEqualTo(message);
  }

  @Test
  void isoWithATOrASpaceOrEpochMillis() {
    assertSplit(utc, "2019-10-01T09:00:00Z door opened", "2019-10-01T09:00:00Z", "door opened");
    assertSplit(utc, "2019-10-01 09:00:00 door opened", "2019-10-01T09:00:00Z", "door opened");
    assertSplit(utc, "2019-10-01T09:00:00.250 x", "2019-10-01T09:00:00.250Z", "x");
    assertSplit(utc, "1569920400000 door opened", "2019-10-01T09:00:00Z", "door opened");
    assertSplit(utc, "2019-10-01T11:00:00+02:00\tcafé ☕", "2019-10-01T09:00:00Z", "café ☕");
  }

  @Test
  void oneSeparatorIsStrippedTheRestStaysAsItWas() {
    assertSplit(utc, "1569920400000  two spaces", "2019-10-01T09:00:00Z", " two spaces");
    assertSplit(utc, "1569920400000", "2019-10-01T09:00:00Z", "");
    assertSplit(utc, "1569920400000 ", "2019-10-01T09:00:00Z", "");
  }

  @Test
  void aTimeWithoutOffsetIsInTheGivenZone() {
    LineTimePrefix berlin = new LineTimePrefix(new EventTimeFormat(null, "Europe/Berlin"));
    assertSplit(berlin, "2019-10-01 11:00:00 x", "2019-10-01T09:00:00Z", "x");
    assertSplit(berlin, "2019-10-01T11:00:00Z x", "2019-10-01T11:00:00Z", "x");
  }

  @Test
  void aLineWithoutATimeIsAnErrorNamingFileAndLine() {
    for (String line : new String[] {"door opened", "", "2019-10-01 door", "ünïcode 12"}) {
      assertThatThrownBy(() -> utc.split(bytes(line), "events.txt:7"))
          .isInstanceOf(ReplayException.class)
          .hasMessageStartingWith("events.txt:7: --timestamp-prefix: the line does not start")
          .satisfies(
              e -> assertThat(((ReplayException) e).exitCode()).isEqualTo(ExitCode.BAD_INPUT));
    }
  }
}
