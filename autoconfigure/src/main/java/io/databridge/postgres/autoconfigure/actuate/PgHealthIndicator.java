package io.databridge.postgres.autoconfigure.actuate;

import java.time.Duration;

import io.databridge.postgres.observation.PgMonitor;
import io.databridge.postgres.observation.PgServerStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code databridge} health contributor: UP with the server's version, role (primary
 * or standby), replay lag on a standby and the bulk loads left in doubt; DOWN when the
 * server does not answer within the health timeout, or when a bulk load has been in doubt
 * (prepared, holding its locks) for longer than the grace. Never waits longer than the
 * {@link PgMonitor}'s timeout.
 */
public class PgHealthIndicator extends AbstractHealthIndicator {

	private final PgMonitor monitor;

	private final Duration inDoubtGrace;

	/**
	 * Creates the indicator.
	 * @param monitor reads the server's status with a bounded wait
	 * @param inDoubtGrace how long a bulk load may stay in doubt before the component is
	 * DOWN
	 */
	public PgHealthIndicator(PgMonitor monitor, Duration inDoubtGrace) {
		super("data-bridge health check failed");
		this.monitor = monitor;
		this.inDoubtGrace = inDoubtGrace;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		PgServerStatus status = this.monitor.serverStatus();
		builder.withDetail("version", status.version()).withDetail("role", status.role());
		if (status.replayLag() != null) {
			builder.withDetail("replayLag", status.replayLag().toString());
		}
		builder.withDetail("inDoubtLoads", status.inDoubtLoads());
		Duration oldest = status.oldestInDoubt();
		if (oldest != null) {
			builder.withDetail("oldestInDoubt", oldest.toString());
		}
		if (oldest != null && oldest.compareTo(this.inDoubtGrace) > 0) {
			builder.down()
				.withDetail("reason",
						status.inDoubtLoads() + " bulk transaction(s) in doubt, the oldest for " + oldest + " (grace "
								+ this.inDoubtGrace + "); they hold locks until settled: "
								+ "call the bulk recovery or check pg_prepared_xacts");
		}
		else {
			builder.up();
		}
	}

}
