/**
 * Contenders that need no framework: hand-written JDBC, pgjdbc COPY and the server-side
 * COPY ceiling.
 */
@NullMarked
package io.databridge.benchmarks.contenders;

import org.jspecify.annotations.NullMarked;
