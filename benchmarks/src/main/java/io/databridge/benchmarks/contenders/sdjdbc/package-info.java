/**
 * The Spring Data JDBC contender and its Spring context.
 */
@NullMarked
package io.databridge.benchmarks.contenders.sdjdbc;

import org.jspecify.annotations.NullMarked;
