/**
 * Configuration support that registers data-bridge repositories and auditing with Spring.
 */
@NullMarked
package io.databridge.postgres.repository.config;

import org.jspecify.annotations.NullMarked;
