/**
 * The {@link io.databridge.postgres.test.autoconfigure.DataPgTest @DataPgTest} test
 * slice.
 */
@NullMarked
package io.databridge.postgres.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
