package org.streamcount.kafkalocal;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: one real Kafka broker for the whole test JVM, started on first use and stopped when the
 * JVM's tests are done (and, through {@link LocalBroker}'s lifeline, even if the JVM dies). Tests
 * isolate themselves with fresh topic names. Tests that stop or kill a broker start their own
 * {@link LocalBroker} instead.
 *
 * <pre>
 *   {@literal @}ExtendWith(KafkaBrokerExtension.class)
 *   class MyTest {
 *     {@literal @}Test void counts(LocalBroker kafka) { ... kafka.bootstrapServers() ... }
 *   }
 * </pre>
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    shared(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  /** The JVM-wide broker, started on first call. */
  public static LocalBroker shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "broker",
            key -> {
              Path dir = Path.of("target", "test-kafka", "shared-" + ProcessHandle.current().pid());
              try {
                return LocalBroker.start(dir);
              } catch (Exception e) {
                throw new IllegalStateException(
                    "could not start the test Kafka broker in " + dir + ": " + e.getMessage(), e);
              }
            },
            LocalBroker.class);
  }
}
