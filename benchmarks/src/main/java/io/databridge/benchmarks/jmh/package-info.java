/**
 * JMH microbenchmarks of data-bridge's hot paths: the row reader, the COPY encoder and
 * {@code findById}; run with {@code benchmarks/run.sh jmh}.
 */
@NullMarked
package io.databridge.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
