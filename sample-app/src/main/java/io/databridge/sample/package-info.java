/**
 * The data-bridge sample application: a REST API over a {@code users} table.
 */
@NullMarked
package io.databridge.sample;

import org.jspecify.annotations.NullMarked;
