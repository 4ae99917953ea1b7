/**
 * The benchmark harness: runner, per-contender JVMs, verification and the report.
 */
@NullMarked
package io.databridge.benchmarks;

import org.jspecify.annotations.NullMarked;
