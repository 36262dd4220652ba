package org.streamcount.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** How a running count is encoded as the output record's value. */
public enum OutputFormat {
  /** 8 bytes, big-endian: exactly what Kafka's {@code LongSerializer} writes. */
  LONG {
    @Override
    byte[] encode(String word, long count) {
      return ByteBuffer.allocate(Long.BYTES).putLong(count).array();
    }

    @Override
    long decode(byte[] value) {
      if (value.length != Long.BYTES) {
        throw new IllegalArgumentException("not an 8-byte long: " + value.length + " bytes");
      }
      return ByteBuffer.wrap(value).getLong();
    }
  },
  /** The count as decimal text, for consumers that read strings. */
  STRING {
    @Override
    byte[] encode(String word, long count) {
      return Long.toString(count).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    long decode(byte[] value) {
      return Long.parseLong(new String(value, StandardCharsets.UTF_8).trim());
    }
  },
  /** {@code {"word":"kafka","count":3}}, for consumers that want self-describing records. */
  JSON {
    @Override
    byte[] encode(String word, long count) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(word.length() + 32);
      try (JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
        json.writeStartObject();
        json.writeStringField("word", word);
        json.writeNumberField("count", count);
        json.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }

    @Override
    long decode(byte[] value) {
      try (JsonParser json = JSON_FACTORY.createParser(value)) {
        while (json.nextToken() != null) {
          if (json.currentToken() == JsonToken.FIELD_NAME && "count".equals(json.currentName())) {
            json.nextToken();
            return json.getLongValue();
          }
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("not a {\"word\":...,\"count\":...} object", e);
      }
      throw new IllegalArgumentException("no \"count\" field");
    }
  };

  private static final JsonFactory JSON_FACTORY = new JsonFactory();

  abstract byte[] encode(String word, long count);

  /**
   * The header ({@code true}) of the record that carries a window's final count of a word, in every
   * format: the window had closed, no later record of that key follows.
   */
  public static final String FINAL_HEADER = "streamcount-final";

  /**
   * The value of {@code key}'s count: with windows, JSON also carries the word apart, the window
   * and whether the count is final, {@code {"word":"kafka","count":3,
   * "window_start":"2019-10-01T09:00:00Z","window_end":"2019-10-01T09:01:00Z","final":false}}; the
   * other formats are the count alone.
   */
  byte[] encode(String key, long count, EventTimeWindows windows, boolean isFinal) {
    if (this != JSON || windows.isGlobal()) {
      return encode(key, count);
    }
    long start = EventTimeWindows.startOf(key);
    String word = EventTimeWindows.wordOf(key);
    ByteArrayOutputStream out = new ByteArrayOutputStream(word.length() + 112);
    try (JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("word", word);
      json.writeNumberField("count", count);
      json.writeStringField("window_start", java.time.Instant.ofEpochMilli(start).toString());
      json.writeStringField(
          "window_end", java.time.Instant.ofEpochMilli(start + windows.sizeMillis()).toString());
      json.writeBooleanField("final", isFinal);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * The most bytes one output record can take on the wire, for words of at most {@code
   * maxWordLength} chars: the key (UTF-8, at most 3 bytes per char), the value (a JSON string may
   * escape a char to 6), a record batch's overhead. A topic whose {@code max.message.bytes} is
   * lower refuses some totals for good.
   */
  public int largestRecordBytes(int maxWordLength) {
    int value =
        switch (this) {
          case LONG -> Long.BYTES;
          case STRING -> 20;
          case JSON -> 6 * maxWordLength + 128;
        };
    // a windowed key adds @ and an ISO-8601 instant (at most 31 chars)
    return 3 * maxWordLength + 32 + value + 128;
  }

  /**
   * The count in a value this format wrote.
   *
   * @throws IllegalArgumentException for a value this format did not write
   */
  abstract long decode(byte[] value);

  @JsonCreator
  public static OutputFormat parse(String value) {
    return EnumOption.parse(OutputFormat.class, "--outputFormat", value);
  }

  @JsonValue
  @Override
  public String toString() {
    return EnumOption.show(this);
  }
}
