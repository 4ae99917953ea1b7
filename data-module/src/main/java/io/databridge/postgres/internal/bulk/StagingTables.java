package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.SqlRenderer;
import org.jspecify.annotations.Nullable;

/**
 * Names the unlogged staging tables of all-or-nothing parallel inserts and removes the
 * ones a crashed JVM left behind. A name is
 * {@code databridge_bulk_<epoch seconds>_<8 random hex digits>}: its creation time is
 * part of it, so {@link #dropStale} can drop tables older than any insert could still be
 * using, without a registry. Stateless.
 */
final class StagingTables {

	static final String PREFIX = "databridge_bulk_";

	private static final String LIST = SqlRenderer
		.render(Sql.Select
			.of(List.of(new Sql.Column("schemaname"), new Sql.Column("tablename")),
					new Sql.Table("pg_catalog", "pg_tables"))
			.where(new Sql.Comparison(new Sql.Column("tablename"), Sql.Operator.LIKE, new Sql.BindMarker("pattern"))))
		.sql();

	private StagingTables() {
	}

	/** A fresh name in a schema ({@code null} for the search path). */
	static Sql.Table create(@Nullable String schema, Instant now) {
		byte[] random = new byte[4];
		ThreadLocalRandom.current().nextBytes(random);
		return new Sql.Table(schema, PREFIX + now.getEpochSecond() + "_" + HexFormat.of().formatHex(random));
	}

	/**
	 * The creation time in a staging table's name, or {@code null} when the name is not
	 * one of ours.
	 */
	static @Nullable Instant createdAt(String name) {
		if (!name.startsWith(PREFIX)) {
			return null;
		}
		String rest = name.substring(PREFIX.length());
		int separator = rest.indexOf('_');
		if (separator <= 0 || rest.length() - separator - 1 != 8) {
			return null;
		}
		try {
			return Instant.ofEpochSecond(Long.parseLong(rest.substring(0, separator)));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Drops the staging tables created before {@code now - age}.
	 * @return the tables dropped
	 */
	static List<Sql.Table> dropStale(Connection connection, Instant now, Duration age) throws SQLException {
		Instant limit = now.minus(age);
		List<Sql.Table> stale = new ArrayList<>();
		try (PreparedStatement ps = connection.prepareStatement(LIST)) {
			ps.setString(1, PREFIX.replace("_", "\\_") + "%");
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					Instant created = createdAt(rs.getString(2));
					if (created != null && created.isBefore(limit) && !rs.getString(1).startsWith("pg_temp")) {
						stale.add(new Sql.Table(rs.getString(1), rs.getString(2)));
					}
				}
			}
		}
		for (Sql.Table table : stale) {
			try (PreparedStatement ps = connection.prepareStatement(SqlRenderer.render(new Sql.DropTable(table)))) {
				ps.execute();
			}
		}
		return stale;
	}

}
