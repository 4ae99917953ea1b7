package io.databridge.postgres.routing;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the last probe found on one replica: the snapshot a health indicator shows.
 *
 * @param url the replica's JDBC URL as configured
 * @param status whether it is in rotation, and if not why
 * @param lag the replay lag measured by the last successful probe, or {@code null} when
 * there was none
 * @param detail a human-readable reason, e.g. the connection error
 * @param checkedAt when the state was last determined, or {@code null} before the first
 * probe
 */
public record ReplicaState(String url, Status status, @Nullable Duration lag, String detail,
		@Nullable Instant checkedAt) {

	/** Whether reads may go to this replica. */
	public boolean inRotation() {
		return this.status == Status.UP;
	}

	/** A replica's standing in the rotation. */
	public enum Status {

		/** Not probed yet; out of rotation until the first probe answers. */
		UNKNOWN,
		/** A standby within the lag limit: takes reads. */
		UP,
		/** A standby whose replay lag exceeds {@code max-lag}. */
		LAGGING,
		/** Unreachable, or failed the probe or a connection attempt. */
		DOWN,
		/** Answers but is not in recovery: a primary configured as a replica. */
		NOT_A_REPLICA

	}

}
