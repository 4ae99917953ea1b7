package io.databridge.postgres.autoconfigure;

import io.databridge.postgres.bulk.InDoubtRecovery;
import io.databridge.postgres.core.PgTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.dao.DataAccessException;

/**
 * Settles, once the application is ready, the prepared transactions that crash-consistent
 * bulk inserts of a JVM that died left in doubt
 * ({@code databridge.pg.bulk.recover-on-startup}, on by default): without it they would
 * hold their locks until the next such insert or the next periodic recovery. Touches
 * nothing when there are none; a failure is logged, never thrown, so it cannot stop the
 * application.
 */
final class BulkRecoveryAtStartup implements ApplicationListener<ApplicationReadyEvent> {

	private static final System.Logger LOG = System.getLogger(BulkRecoveryAtStartup.class.getName());

	private final PgTemplate template;

	BulkRecoveryAtStartup(PgTemplate template) {
		this.template = template;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		recover();
	}

	/**
	 * Runs the recovery.
	 * @return what it did, or {@code null} when the database failed (logged)
	 */
	@Nullable InDoubtRecovery recover() {
		try {
			return this.template.recoverInDoubtTransactionsIfAny();
		}
		catch (DataAccessException ex) {
			LOG.log(System.Logger.Level.WARNING,
					"Could not settle bulk-insert transactions left in doubt at "
							+ "startup; the next crash-consistent insert or periodic recovery will: " + ex.getMessage(),
					ex);
			return null;
		}
	}

}
