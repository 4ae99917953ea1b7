/**
 * The pgvector benchmark: bulk insert of vectors and nearest-neighbour latency.
 */
@NullMarked
package io.databridge.benchmarks.vector;

import org.jspecify.annotations.NullMarked;
