package org.streamcount.pipeline.launch;

/**
 * Kafka did not become usable within the bounded wait: no broker, refused credentials, no topic.
 */
public final class KafkaUnavailableException extends RuntimeException {
  public KafkaUnavailableException(String message) {
    super(message);
  }
}
