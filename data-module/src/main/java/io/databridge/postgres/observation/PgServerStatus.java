package io.databridge.postgres.observation;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The status of the server a DataSource reaches, as {@link PgMonitor#serverStatus()}
 * reads it.
 *
 * @param version the server version ({@code server_version})
 * @param standby whether the server is a standby in recovery
 * ({@code pg_is_in_recovery()})
 * @param replayLag on a standby, the time since the last replayed transaction committed
 * on the primary; {@code null} on a primary or before a standby replayed anything
 * @param inDoubtLoads data-bridge bulk transactions of the current database left prepared
 * (in doubt): they hold their locks until settled
 * @param oldestInDoubt the age of the oldest of them, {@code null} when there are none
 */
public record PgServerStatus(String version, boolean standby, @Nullable Duration replayLag, long inDoubtLoads,
		@Nullable Duration oldestInDoubt) {

	/** {@code "standby"} or {@code "primary"}. */
	public String role() {
		return this.standby ? "standby" : "primary";
	}

}
