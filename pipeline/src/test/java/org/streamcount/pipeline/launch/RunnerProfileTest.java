package org.streamcount.pipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerProfileTest {
  @Test
  void profileOptionsComeFirstAndTheCommandLineWins(@TempDir Path dir) throws Exception {
    Path profile = dir.resolve("p.properties");
    Files.writeString(
        profile, "# a comment\nrunner=DirectRunner\ntriggerDelay=1s\nverbose=false\n");
    String[] merged =
        RunnerProfile.apply(
            new String[] {"--profile=" + profile, "--triggerDelay=250ms", "--verbose"});
    assertThat(merged)
        .containsExactly("--runner=DirectRunner", "--triggerDelay=250ms", "--verbose");
  }

  @Test
  void noProfileLeavesTheArgumentsAlone() {
    String[] args = {"--runner=DirectRunner"};
    assertThat(RunnerProfile.apply(args)).isSameAs(args);
  }

  @Test
  void everyShippedProfileParses() throws Exception {
    try (var files = Files.list(Path.of("..", "runner-profiles"))) {
      files
          .filter(f -> f.toString().endsWith(".properties"))
          .forEach(
              f ->
                  assertThat(RunnerProfile.apply(new String[] {"--profile", f.toString()}))
                      .isNotEmpty());
    }
  }

  @Test
  void missingProfileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(
            () -> RunnerProfile.apply(new String[] {"--profile=" + dir.resolve("x.properties")}))
        .hasMessage("cannot read --profile " + dir.resolve("x.properties") + ": no such file");
  }

  @Test
  void aNameIsAShippedProfile() {
    Path found = RunnerProfile.find("spark-local");
    assertThat(found.getFileName()).hasToString("spark-local.properties");
    assertThat(RunnerProfile.apply(new String[] {"--profile", "direct"}))
        .contains("--runner=DirectRunner");
  }

  @Test
  void anUnknownNameListsTheShippedOnes() {
    assertThatThrownBy(() -> RunnerProfile.find("fast"))
        .hasMessageStartingWith("no --profile fast: give a file, or one of ")
        .hasMessageContaining("direct, spark-cluster, spark-local, spark-local-throughput");
  }
}
