package org.streamcount.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RootCauseTest {

  @Test
  void theInnermostCauseInOneLine() {
    Exception e =
        new IllegalStateException(
            "outer", new RuntimeException("middle", new IOException("disk full\nat ...")));
    assertThat(RootCause.of(e)).isInstanceOf(IOException.class);
    assertThat(RootCause.message(e)).isEqualTo("disk full");
    assertThat(RootCause.message(new NullPointerException())).isEqualTo("NullPointerException");
  }
}
