package org.streamcount.pipeline;

import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Test lines as the count takes them: {@link Line}s read from no partition, timestamps kept. */
final class PlacelessLines extends PTransform<PCollection<String>, PCollection<Line>> {
  static PlacelessLines of() {
    return new PlacelessLines();
  }

  @Override
  public PCollection<Line> expand(PCollection<String> lines) {
    return lines
        .apply("PlacelessLines", MapElements.into(TypeDescriptor.of(Line.class)).via(Line::of))
        .setCoder(Line.CODER);
  }
}
