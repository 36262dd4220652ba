package org.streamcount.pipeline;

import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.kafka.clients.consumer.Consumer;

/** KafkaIO's consumers, made by the job's {@link KafkaClients} where the reader runs. */
final class ConsumerFactory
    implements SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> {
  private final KafkaClients clients;

  ConsumerFactory(KafkaClients clients) {
    this.clients = clients;
  }

  @Override
  public Consumer<byte[], byte[]> apply(Map<String, Object> settings) {
    return clients.newConsumer(settings);
  }
}
