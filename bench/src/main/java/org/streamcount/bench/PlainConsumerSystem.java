package org.streamcount.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The limit: {@link PlainConsumerCount}, a KafkaConsumer, a HashMap and a KafkaProducer. */
final class PlainConsumerSystem extends SystemUnderTest {

  @Override
  boolean createsItsOutputTopic() {
    return false;
  }

  @Override
  String name() {
    return "plain-consumer-limit";
  }

  @Override
  Process launch(Layout layout, String bootstrap, Topics topics, Path workDir, SystemJvm jvm)
      throws Exception {
    List<String> command = jvm.javaCommand();
    command.addAll(
        List.of(
            "-cp",
            layout.benchClasspath(),
            PlainConsumerCount.class.getName(),
            bootstrap,
            topics.input(),
            topics.output()));
    return start(command, workDir, Map.of());
  }
}
