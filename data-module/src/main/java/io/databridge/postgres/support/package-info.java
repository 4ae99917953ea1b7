/**
 * Resilience helpers: {@code PgTransactionManager} (every begin, commit and rollback
 * failure is a {@code DataAccessException}), {@code CommitOutcomeUnknownException},
 * {@code PgTransientFailures} (the retry classifier), {@code PgRetryable} (retry of a
 * whole transactional method) and {@code KeepAliveSocketFactory} (dead-peer detection).
 */
@NullMarked
package io.databridge.postgres.support;

import org.jspecify.annotations.NullMarked;
