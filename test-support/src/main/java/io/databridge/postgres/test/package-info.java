/**
 * Finds a PostgreSQL server for tests and the sample app, and gives each test run a fresh
 * database.
 *
 * <p>
 * {@link io.databridge.postgres.test.TestDatabase} is the entry point for tests;
 * {@link io.databridge.postgres.test.DatabaseLocator} holds the discovery logic
 * (environment URL, {@code localhost:5432}, embedded PostgreSQL) and is also used by the
 * sample app at runtime.
 */
@NullMarked
package io.databridge.postgres.test;

import org.jspecify.annotations.NullMarked;
