package org.streamcount.bench;

/**
 * One run of one system. Seconds are from launch; NaN where a run did not get that far.
 *
 * @param launchToExact launch until the output table equals the reference
 * @param launchToFirstOutput launch until the first output record (start-up)
 * @param peakRssMb the system process's peak resident memory (VmHWM)
 * @param p50Ms p50 produce-to-output latency (latency runs only)
 * @param p99Ms p99 produce-to-output latency (latency runs only)
 * @param startup where the start-up went, as the system logged it (see {@link StartupLine}), or
 *     null
 */
record RunResult(
    String system,
    String mode,
    int run,
    long words,
    boolean exact,
    String problem,
    double launchToExact,
    double launchToFirstOutput,
    double peakRssMb,
    double p50Ms,
    double p99Ms,
    int samples,
    String startup) {

  double wordsPerSecond() {
    return exact ? words / launchToExact : Double.NaN;
  }

  /** After the first output: the steady rate, start-up excluded. */
  double wordsPerSecondAfterFirstOutput() {
    double seconds = launchToExact - launchToFirstOutput;
    // meaningless when the whole input fits in the first output
    return exact && seconds >= 1 ? words / seconds : Double.NaN;
  }
}
