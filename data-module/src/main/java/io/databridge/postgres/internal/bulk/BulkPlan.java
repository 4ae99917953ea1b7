package io.databridge.postgres.internal.bulk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.databridge.postgres.bulk.BulkOptions;
import io.databridge.postgres.bulk.OnConflict;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.Sql.Column;
import io.databridge.postgres.internal.sql.SqlRenderer;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of one bulk insert, rendered through {@link SqlRenderer} when the insert
 * starts: the COPY into the table, and for the staged paths the staging table, the COPY
 * into it, the {@code INSERT ... SELECT} that moves its rows (with the ON CONFLICT clause
 * and RETURNING of the ids) and its drop. Conflict targets are resolved against the
 * mapping first, so an unknown property fails before anything is sent. Immutable but for
 * {@link #bytesSent}, which every COPY of the load adds to.
 */
final class BulkPlan {

	/** The staging table's extra column holding each row's input position. */
	static final Column ORDINAL = new Column("databridge_ordinal");

	private static final String TEMP_STAGE = "databridge_bulk_stage";

	final String table;

	final boolean staged;

	final boolean returnIds;

	/** COPY straight into the table. */
	final String copyIntoTable;

	/** The bytes handed to the load's COPYs so far, by every partition. */
	final LongAdder bytesSent = new LongAdder();

	/**
	 * How the load runs, once chosen: {@code single}, {@code pipelined}, {@code joined},
	 * {@code two-phase}, {@code staged} or {@code per-partition}.
	 */
	volatile String path = "single";

	/** The partitions (connections) the load streams over, once chosen. */
	volatile int partitions = 1;

	/** The duration of each phase of the load so far, in nanoseconds, by phase name. */
	final Map<String, Long> phaseNanos = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

	private final EntityStatements<?> statements;

	private final List<Column> columns;

	private final boolean withId;

	private final Sql.@Nullable OnConflict onConflict;

	BulkPlan(EntityStatements<?> statements, List<PgPersistentProperty> copied, boolean withId, BulkOptions options,
			boolean returnIds) {
		this.statements = statements;
		this.table = statements.entity().tableName();
		this.columns = copied.stream().map(p -> new Column(p.columnName())).toList();
		this.withId = withId;
		this.returnIds = returnIds;
		this.onConflict = onConflict(statements, this.columns, options);
		this.staged = this.onConflict != null || returnIds;
		this.copyIntoTable = SqlRenderer.render(new Sql.CopyFrom(statements.table(), this.columns));
	}

	private static Sql.@Nullable OnConflict onConflict(EntityStatements<?> statements, List<Column> columns,
			BulkOptions options) {
		if (options.onConflict() == OnConflict.ERROR) {
			return null;
		}
		List<Column> target = new ArrayList<>();
		for (String name : options.conflictTarget()) {
			target.add(new Column(statements.entity().requireProperty(name).columnName()));
		}
		if (options.onConflict() == OnConflict.IGNORE) {
			return new Sql.OnConflict(target, List.of(), options.conflictConstraint());
		}
		Column id = new Column(statements.idProperty().columnName());
		if (target.isEmpty() && options.conflictConstraint() == null) {
			target.add(id);
		}
		List<Column> update = new ArrayList<>(columns);
		update.removeAll(target);
		update.remove(id);
		if (update.isEmpty()) {
			update = target.isEmpty() ? List.of(id) : target;
		}
		return new Sql.OnConflict(target, update, options.conflictConstraint());
	}

	/**
	 * A fresh staging table: temporary (session-local, fixed name) or unlogged (shared,
	 * named by {@link StagingTables}).
	 */
	Sql.Table stagingTable(boolean temporary) {
		if (temporary) {
			return new Sql.Table(null, TEMP_STAGE);
		}
		return StagingTables.create(this.statements.entity().schema(), Instant.now());
	}

	String createStaging(Sql.Table stage, boolean temporary) {
		return SqlRenderer.render(new Sql.CreateStagingTable(stage, temporary, this.statements.table(), this.columns,
				this.returnIds ? ORDINAL : null));
	}

	String copyIntoStaging(Sql.Table stage) {
		List<Column> copied = new ArrayList<>(this.columns);
		if (this.returnIds) {
			copied.add(ORDINAL);
		}
		return SqlRenderer.render(new Sql.CopyFrom(stage, copied));
	}

	String insertFromStaging(Sql.Table stage) {
		Sql.Select source = Sql.Select.of(this.columns, stage);
		if (this.returnIds) {
			source = source.orderBy(List.of(Sql.OrderBy.asc(ORDINAL)));
		}
		List<Sql.Expression> returning = this.returnIds ? List.of(new Column(this.statements.idProperty().columnName()))
				: List.of();
		return SqlRenderer
			.render(new Sql.Insert(this.statements.table(), this.columns, List.of(), this.withId, this.onConflict,
					returning, source))
			.sql();
	}

	String dropStaging(Sql.Table stage) {
		return SqlRenderer.render(new Sql.DropTable(stage));
	}

	/** Reads a returned id. */
	EntityStatements<?> statements() {
		return this.statements;
	}

	/**
	 * Records how the load runs.
	 * @param how the path
	 * @param count the partitions
	 */
	void runs(String how, int count) {
		this.path = how;
		this.partitions = count;
	}

	/**
	 * Records that a phase ended.
	 * @param phase its name
	 * @param startNanos its start, from {@link System#nanoTime()}
	 */
	void phaseEnded(String phase, long startNanos) {
		this.phaseNanos.merge(phase, System.nanoTime() - startNanos, Long::sum);
	}

}
