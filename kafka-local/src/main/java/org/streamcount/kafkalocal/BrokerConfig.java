package org.streamcount.kafkalocal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The server.properties of a single-node KRaft broker on 127.0.0.1: one process is both broker and
 * controller, every internal topic has replication factor 1, and the limits are raised so that
 * hostile-input tests (1 MB values) reach the pipeline instead of failing at the broker.
 */
public final class BrokerConfig {
  public static final String HOST = "127.0.0.1";
  static final String PLAINTEXT = "PLAINTEXT";
  static final String SASL_PLAINTEXT = "SASL_PLAINTEXT";
  static final String SSL = "SSL";
  static final String CONTROLLER = "CONTROLLER";

  private BrokerConfig() {}

  /**
   * @param port the PLAINTEXT port, 0 for a free one
   * @param saslPort the SASL_PLAINTEXT port when {@code saslUsers} is not empty, 0 for a free one
   * @param controllerPort the KRaft controller's port, 0 for a free one
   * @param saslUsers user name to password, for the PLAIN mechanism; empty for no SASL listener
   * @param sslPort the SSL port when {@code certificate} is given, 0 for a free one
   * @param certificate the SSL listener's, or null for no SSL listener
   */
  public static Properties create(
      BrokerHome home,
      int port,
      int saslPort,
      int controllerPort,
      Map<String, String> saslUsers,
      int sslPort,
      BrokerCertificate certificate)
      throws IOException {
    int plain = port > 0 ? port : LoopbackPort.free();
    int controller = controllerPort > 0 ? controllerPort : LoopbackPort.free();
    Map<String, Integer> listeners = new LinkedHashMap<>();
    listeners.put(PLAINTEXT, plain);
    if (!saslUsers.isEmpty()) {
      listeners.put(SASL_PLAINTEXT, saslPort > 0 ? saslPort : LoopbackPort.free());
    }
    if (certificate != null) {
      listeners.put(SSL, sslPort > 0 ? sslPort : LoopbackPort.free());
    }

    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@" + HOST + ":" + controller);
    p.setProperty("controller.listener.names", CONTROLLER);
    p.setProperty("inter.broker.listener.name", PLAINTEXT);

    List<String> bind = new ArrayList<>();
    List<String> advertised = new ArrayList<>();
    List<String> protocols = new ArrayList<>();
    listeners.forEach(
        (name, listenerPort) -> {
          bind.add(name + "://" + HOST + ":" + listenerPort);
          advertised.add(name + "://" + HOST + ":" + listenerPort);
          protocols.add(name + ":" + name);
        });
    bind.add(CONTROLLER + "://" + HOST + ":" + controller);
    protocols.add(CONTROLLER + ":PLAINTEXT");
    p.setProperty("listeners", String.join(",", bind));
    p.setProperty("advertised.listeners", String.join(",", advertised));
    p.setProperty("listener.security.protocol.map", String.join(",", protocols));

    if (!saslUsers.isEmpty()) {
      p.setProperty("sasl.enabled.mechanisms", "PLAIN");
      StringBuilder jaas =
          new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
      saslUsers.forEach(
          (user, password) ->
              jaas.append(" user_")
                  .append(user)
                  .append("=\"")
                  .append(password.replace("\"", "\\\""))
                  .append('"'));
      jaas.append(';');
      p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.toString());
    }

    if (certificate != null) {
      // server.properties is owner-only: the store password may stand in it
      p.setProperty("listener.name.ssl.ssl.keystore.type", "PKCS12");
      p.setProperty("listener.name.ssl.ssl.keystore.location", certificate.keystore().toString());
      p.setProperty("listener.name.ssl.ssl.keystore.password", certificate.password());
      p.setProperty("listener.name.ssl.ssl.key.password", certificate.password());
    }

    p.setProperty("log.dirs", home.dataDir().toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "4");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "4");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "true");
    // 1 MB poison values must reach the pipeline (the default limit is just under 1 MB).
    p.setProperty("message.max.bytes", String.valueOf(8 * 1024 * 1024));
    p.setProperty("replica.fetch.max.bytes", String.valueOf(8 * 1024 * 1024));
    // Compacted output topics are tables: let the cleaner run soon on a demo machine.
    p.setProperty("log.cleaner.min.compaction.lag.ms", "0");
    p.setProperty("log.cleaner.backoff.ms", "5000");
    p.setProperty("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    return p;
  }

  /** The port of a listener in an existing configuration, 0 if it has none. */
  public static int portOf(Properties serverProperties, String listenerName) {
    for (String listener : serverProperties.getProperty("listeners", "").split(",")) {
      if (listener.startsWith(listenerName + "://")) {
        return Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
      }
    }
    return 0;
  }

  /** Every client listener in the configuration, name to host:port, in declaration order. */
  public static Map<String, String> clientListeners(Properties serverProperties) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String listener : serverProperties.getProperty("advertised.listeners", "").split(",")) {
      int sep = listener.indexOf("://");
      if (sep > 0) {
        out.put(listener.substring(0, sep), listener.substring(sep + 3));
      }
    }
    return out;
  }
}
