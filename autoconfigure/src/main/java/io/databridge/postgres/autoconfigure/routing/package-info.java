/**
 * Auto-configuration of read replicas ({@code databridge.pg.replicas.*}): one HikariCP
 * pool per replica and the read-routing DataSource around Boot's own.
 */
@NullMarked
package io.databridge.postgres.autoconfigure.routing;

import org.jspecify.annotations.NullMarked;
