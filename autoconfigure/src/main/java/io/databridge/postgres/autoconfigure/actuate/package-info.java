/**
 * Operations support for data-bridge under Spring Boot Actuator and Micrometer: the
 * {@code databridge} health contributor and the database statistics gauges.
 */
@NullMarked
package io.databridge.postgres.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
