package io.databridge.postgres.autoconfigure.routing.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ReadingService {

	private final ReadingRepository readings;

	private final JdbcTemplate jdbc;

	ReadingService(ReadingRepository readings, JdbcTemplate jdbc) {
		this.readings = readings;
		this.jdbc = jdbc;
	}

	/**
	 * pg_is_in_recovery() of a read-only transaction, asked through JdbcTemplate and a
	 * repository.
	 */
	@Transactional(readOnly = true)
	public List<Boolean> readOnly() {
		return List.of(this.jdbc.queryForObject("SELECT pg_is_in_recovery()", Boolean.class),
				this.readings.onStandby());
	}

	/**
	 * Writes, then asks pg_is_in_recovery() every way a read can, in one read-write
	 * transaction.
	 */
	@Transactional
	public List<Boolean> writeThenRead(String label) {
		Reading saved = this.readings.save(new Reading(null, label));
		List<Boolean> onStandby = new ArrayList<>();
		onStandby.add(this.readings.onStandby());
		onStandby.add(this.jdbc.queryForObject("SELECT pg_is_in_recovery()", Boolean.class));
		onStandby.add(this.readings.findById(saved.id()).isEmpty());
		onStandby.add(this.readings.count() == 0);
		return onStandby;
	}

	@Transactional(readOnly = true)
	public <T> T inReadOnlyTransaction(Function<ReadingRepository, T> work) {
		return work.apply(this.readings);
	}

}
