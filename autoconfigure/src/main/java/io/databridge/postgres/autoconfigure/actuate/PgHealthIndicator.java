package io.databridge.postgres.autoconfigure.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.databridge.postgres.observation.PgMonitor;
import io.databridge.postgres.observation.PgServerStatus;
import io.databridge.postgres.routing.ReplicaState;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code databridge} health contributor: UP with the server's version, role (primary
 * or standby), replay lag on a standby and the bulk loads left in doubt; DOWN when the
 * server does not answer within the health timeout, or when a bulk load has been in doubt
 * (prepared, holding its locks) for longer than the grace. With read replicas, each
 * replica's state and lag appear too (a replica down does not make the primary DOWN:
 * reads fall back as configured). Never waits longer than the {@link PgMonitor}'s
 * timeout.
 */
public class PgHealthIndicator extends AbstractHealthIndicator {

	private final PgMonitor monitor;

	private final Duration inDoubtGrace;

	private final Supplier<List<ReplicaState>> replicas;

	/**
	 * Creates the indicator.
	 * @param monitor reads the server's status with a bounded wait
	 * @param inDoubtGrace how long a bulk load may stay in doubt before the component is
	 * DOWN
	 */
	public PgHealthIndicator(PgMonitor monitor, Duration inDoubtGrace) {
		this(monitor, inDoubtGrace, List::of);
	}

	/**
	 * Creates the indicator with read replicas, whose states (from the last probe, no
	 * query of its own) appear under {@code replicas}.
	 * @param monitor reads the server's status with a bounded wait
	 * @param inDoubtGrace how long a bulk load may stay in doubt before the component is
	 * DOWN
	 * @param replicas the replicas' current states
	 */
	public PgHealthIndicator(PgMonitor monitor, Duration inDoubtGrace, Supplier<List<ReplicaState>> replicas) {
		super("data-bridge health check failed");
		this.monitor = monitor;
		this.inDoubtGrace = inDoubtGrace;
		this.replicas = replicas;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		PgServerStatus status = this.monitor.serverStatus();
		builder.withDetail("version", status.version()).withDetail("role", status.role());
		if (status.replayLag() != null) {
			builder.withDetail("replayLag", status.replayLag().toString());
		}
		builder.withDetail("inDoubtLoads", status.inDoubtLoads());
		List<ReplicaState> replicaStates = this.replicas.get();
		if (!replicaStates.isEmpty()) {
			Map<String, Object> replicaDetails = new LinkedHashMap<>();
			for (ReplicaState replica : replicaStates) {
				Map<String, Object> one = new LinkedHashMap<>();
				one.put("status", replica.status().name());
				if (replica.lag() != null) {
					one.put("lag", replica.lag().toString());
				}
				one.put("detail", replica.detail());
				replicaDetails.put(replica.url(), one);
			}
			builder.withDetail("replicas", replicaDetails);
		}
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
