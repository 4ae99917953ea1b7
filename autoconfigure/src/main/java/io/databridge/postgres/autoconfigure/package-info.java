/**
 * Spring Boot auto-configuration for data-bridge: the template, the mapping context and
 * the repositories, on top of Boot's own DataSource (HikariCP) and transaction manager.
 */
@NullMarked
package io.databridge.postgres.autoconfigure;

import org.jspecify.annotations.NullMarked;
