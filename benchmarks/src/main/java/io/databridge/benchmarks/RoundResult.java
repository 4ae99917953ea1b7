package io.databridge.benchmarks;

/**
 * One contender's result in one interleaved round, with the machine's 1-minute load
 * average when its JVM started.
 *
 * @param round the round, from 0
 * @param load1 the 1-minute load average at the start, or -1 when unknown
 * @param result the result
 */
record RoundResult(int round, double load1, Result result) {
}
