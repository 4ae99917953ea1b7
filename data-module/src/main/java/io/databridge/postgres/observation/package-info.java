/**
 * What data-bridge lets operators see of the database: the server's status (version,
 * role, replay lag, bulk loads in doubt) and its statistics, read with a bounded wait by
 * {@link io.databridge.postgres.observation.PgMonitor}.
 */
@NullMarked
package io.databridge.postgres.observation;

import org.jspecify.annotations.NullMarked;
