package io.databridge.postgres.support;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The retry classifier, the commit-outcome rules and the keepalive argument. */
class PgTransientFailuresTests {

	private final PgTransientFailures failures = new PgTransientFailures();

	@Test
	void serializationFailuresDeadlocksAndUnobtainableConnectionsAreTransient() {
		assertThat(this.failures.isTransient(new CannotAcquireLockException("x", new SQLException("s", "40001"))))
			.isTrue();
		assertThat(this.failures.isTransient(new CannotAcquireLockException("x", new SQLException("d", "40P01"))))
			.isTrue();
		assertThat(this.failures
			.isTransient(new CannotGetJdbcConnectionException("pool", new SQLTransientConnectionException("timeout"))))
			.isTrue();
	}

	@Test
	void unknownCommitsConstraintsLostConnectionsAndNullAreNot() {
		assertThat(this.failures.isTransient(new CommitOutcomeUnknownException("x",
				new CannotAcquireLockException("y", new SQLException("s", "40001")))))
			.isFalse();
		assertThat(this.failures.isTransient(new DataIntegrityViolationException("x", new SQLException("d", "23505"))))
			.isFalse();
		assertThat(
				this.failures.isTransient(new DataAccessResourceFailureException("x", new SQLException("io", "08006"))))
			.isFalse();
		assertThat(this.failures.isTransient(null)).isFalse();
	}

	@Test
	void nothingIsRetriedWhileATransactionIsActive() {
		TransactionSynchronizationManager.setActualTransactionActive(true);
		try {
			assertThat(this.failures.isTransient(new CannotAcquireLockException("x", new SQLException("s", "40001"))))
				.isFalse();
		}
		finally {
			TransactionSynchronizationManager.setActualTransactionActive(false);
		}
	}

	@Test
	void commitOutcomeIsUnknownOnlyWhenTheConnectionFailedAfterSending() {
		assertThat(PgTransactionManager.isConnectionLostAfterSending(new SQLException("io", "08006"))).isTrue();
		assertThat(PgTransactionManager.isConnectionLostAfterSending(new SQLException("shutdown", "57P01"))).isTrue();
		assertThat(PgTransactionManager.isConnectionLostAfterSending(new SQLException("no state"))).isTrue();
		assertThat(PgTransactionManager.isConnectionLostAfterSending(new SQLException("closed", "08003"))).isFalse();
		assertThat(PgTransactionManager.isConnectionLostAfterSending(new SQLException("serialization", "40001")))
			.isFalse();
		assertThat(PgTransactionManager.isConnectionLostAfterSending(null)).isFalse();
	}

	@Test
	void keepaliveArgumentRoundTripsAndRejectsBadValues() {
		KeepAliveSocketFactory factory = new KeepAliveSocketFactory(
				KeepAliveSocketFactory.argument(Duration.ofSeconds(10), Duration.ofSeconds(2), 3));
		assertThat(factory.argument()).isEqualTo("idle=10,interval=2,count=3");
		assertThat(factory.deadPeerTimeout()).isEqualTo(Duration.ofSeconds(16));
		assertThat(new KeepAliveSocketFactory((String) null).deadPeerTimeout()).isEqualTo(Duration.ofSeconds(35));
		assertThatIllegalArgumentException().isThrownBy(() -> new KeepAliveSocketFactory("idle=0"))
			.withMessageContaining("idle");
		assertThatIllegalArgumentException().isThrownBy(() -> new KeepAliveSocketFactory("speed=3"))
			.withMessageContaining("socketFactoryArg");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> KeepAliveSocketFactory.argument(Duration.ofMillis(500), Duration.ofSeconds(1), 1))
			.withMessageContaining("whole number of seconds");
	}

}
