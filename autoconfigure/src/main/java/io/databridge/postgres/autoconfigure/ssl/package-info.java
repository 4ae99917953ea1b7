/**
 * TLS for the application's PostgreSQL connections: {@code databridge.pg.ssl.bundle}
 * applies a Spring Boot SSL bundle to the DataSource.
 */
@NullMarked
package io.databridge.postgres.autoconfigure.ssl;

import org.jspecify.annotations.NullMarked;
