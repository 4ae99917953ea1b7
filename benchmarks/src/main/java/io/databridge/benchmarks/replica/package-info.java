/**
 * The read-replica benchmark: read-only {@code findById} from 8 concurrent readers,
 * primary only against primary plus one standby.
 */
@NullMarked
package io.databridge.benchmarks.replica;

import org.jspecify.annotations.NullMarked;
