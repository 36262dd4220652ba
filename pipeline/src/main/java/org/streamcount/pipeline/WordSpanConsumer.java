package org.streamcount.pipeline;

/**
 * Takes a word as the characters {@code [start, end)} of {@code text}, so that a word seen before
 * costs no new string: counting looks it up where it lies.
 */
@FunctionalInterface
interface WordSpanConsumer {
  void accept(String text, int start, int end);
}
