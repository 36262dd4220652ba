package org.streamcount.kafkalocal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The SSL listener's self-signed certificate for 127.0.0.1, made once per broker directory with the
 * JDK's keytool: the broker's keystore, a truststore holding only that certificate, and a client
 * properties file that trusts it ({@code client-ssl.properties}, for {@code --kafkaConfig} and
 * {@code --command-config}). One random password protects both stores; it is handed to keytool
 * through its environment, never its command line, and every file is owner-only.
 */
public final class BrokerCertificate {
  private static final String ALIAS = "kafka-local";
  private static final String PASSWORD_VARIABLE = "KAFKA_LOCAL_STORE_PASSWORD";

  private final BrokerHome home;
  private final Path dir;

  private BrokerCertificate(BrokerHome home) {
    this.home = home;
    this.dir = home.dir().resolve("ssl");
  }

  /** The certificate of {@code home}, made on first use. */
  public static BrokerCertificate of(BrokerHome home) throws IOException, InterruptedException {
    BrokerCertificate certificate = new BrokerCertificate(home);
    if (!Files.exists(certificate.clientProperties())) {
      certificate.create();
    }
    return certificate;
  }

  public Path keystore() {
    return dir.resolve("broker.p12");
  }

  public Path truststore() {
    return dir.resolve("truststore.p12");
  }

  /** What a client needs to reach the SSL listener: protocol, truststore and its password. */
  public Path clientProperties() {
    return dir.resolve("client-ssl.properties");
  }

  public String password() throws IOException {
    return Files.readString(dir.resolve("password"), StandardCharsets.UTF_8).trim();
  }

  private void create() throws IOException, InterruptedException {
    Files.createDirectories(dir.getParent());
    if (!Files.exists(dir)) {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    for (Path old : List.of(keystore(), truststore(), dir.resolve("broker.crt"))) {
      Files.deleteIfExists(old);
    }
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    home.writeAtomically(dir.resolve("password"), password + "\n");
    Path certificate = dir.resolve("broker.crt");
    keytool(
        password,
        "-genkeypair",
        "-alias",
        ALIAS,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "3650",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:" + BrokerConfig.HOST + ",dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore().toString(),
        "-storepass:env",
        PASSWORD_VARIABLE);
    keytool(
        password,
        "-exportcert",
        "-alias",
        ALIAS,
        "-rfc",
        "-keystore",
        keystore().toString(),
        "-storepass:env",
        PASSWORD_VARIABLE,
        "-file",
        certificate.toString());
    keytool(
        password,
        "-importcert",
        "-noprompt",
        "-alias",
        ALIAS,
        "-file",
        certificate.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        truststore().toString(),
        "-storepass:env",
        PASSWORD_VARIABLE);
    for (Path store : List.of(keystore(), truststore(), certificate)) {
      Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
    }
    home.writeAtomically(
        clientProperties(),
        String.join(
            "\n",
            "# kafka-local's SSL listener: trust its self-signed certificate",
            "security.protocol=SSL",
            "ssl.truststore.type=PKCS12",
            "ssl.truststore.location=" + truststore(),
            "ssl.truststore.password=" + password,
            ""));
  }

  private static void keytool(String password, String... args)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(PASSWORD_VARIABLE, password);
    Process keytool = builder.start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IOException("keytool " + args[0] + " failed: " + output.trim());
    }
  }
}
