/**
 * The data-bridge contender.
 */
@NullMarked
package io.databridge.benchmarks.contenders.databridge;

import org.jspecify.annotations.NullMarked;
