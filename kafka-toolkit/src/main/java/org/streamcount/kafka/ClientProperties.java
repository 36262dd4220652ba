package org.streamcount.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * A Kafka client properties file, as Kafka's own tools take it ({@code --command-config}): security
 * settings and tuning. Read the same way by the job, the replayer and the viewers.
 */
public final class ClientProperties {
  private ClientProperties() {}

  /**
   * @param option the option that named the file, for the message
   * @throws IllegalArgumentException with a one-line reason when the file cannot be read
   */
  public static Properties load(Path file, String option) {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException | IllegalArgumentException e) {
      String why =
          Files.isDirectory(file)
              ? "it is a directory"
              : !Files.exists(file)
                  ? "no such file"
                  : e.getClass().getSimpleName() + ": " + e.getMessage();
      throw new IllegalArgumentException("cannot read " + option + " " + file + ": " + why);
    }
    return props;
  }

  /**
   * Whether a setting holds a secret by its name (passwords, JAAS configs, keys, tokens): such a
   * value is never printed, logged or serialized. Other settings can be declared secret besides.
   */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password")
        || k.contains("jaas")
        || k.contains("secret")
        || k.contains("token")
        || k.contains("credential")
        || k.endsWith(".key")
        || k.endsWith("keystore.certificate.chain")
        || k.contains("user.info");
  }
}
