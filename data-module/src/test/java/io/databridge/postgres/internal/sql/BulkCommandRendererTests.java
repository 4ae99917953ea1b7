package io.databridge.postgres.internal.sql;

import java.util.List;

import io.databridge.postgres.internal.sql.Sql.Column;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BulkCommandRendererTests {

	static final Sql.Table TABLE = new Sql.Table("app", "us\"er");

	static final Sql.Table STAGE = new Sql.Table(null, "stage");

	static final List<Column> COLUMNS = List.of(new Column("name"), new Column("age"));

	@Test
	void shouldRenderBinaryCopyFromStdin() {
		assertThat(SqlRenderer.render(new Sql.CopyFrom(TABLE, COLUMNS)))
			.isEqualTo("COPY \"app\".\"us\"\"er\" (\"name\", \"age\") FROM STDIN (FORMAT binary)");
	}

	@Test
	void shouldRenderTemporaryAndUnloggedStagingTables() {
		assertThat(SqlRenderer.render(new Sql.CreateStagingTable(STAGE, true, TABLE, COLUMNS, new Column("ord"))))
			.isEqualTo("CREATE TEMPORARY TABLE \"stage\" ON COMMIT DROP AS SELECT \"name\", \"age\", NULL::int8 AS "
					+ "\"ord\" FROM \"app\".\"us\"\"er\" WITH NO DATA");
		assertThat(SqlRenderer.render(new Sql.CreateStagingTable(STAGE, false, TABLE, COLUMNS, null))).isEqualTo(
				"CREATE UNLOGGED TABLE \"stage\" AS SELECT \"name\", \"age\" FROM \"app\".\"us\"\"er\" WITH NO DATA");
		assertThat(SqlRenderer.render(new Sql.DropTable(STAGE))).isEqualTo("DROP TABLE IF EXISTS \"stage\"");
	}

	@Test
	void shouldRenderInsertSelectWithConflictClauses() {
		Sql.Select source = Sql.Select.of(COLUMNS, STAGE).orderBy(List.of(Sql.OrderBy.asc(new Column("ord"))));
		assertThat(SqlRenderer
			.render(new Sql.Insert(TABLE, COLUMNS, List.of(), true,
					new Sql.OnConflict(List.of(new Column("name")), List.of(new Column("age"))),
					List.of(new Column("id")), source))
			.sql())
			.isEqualTo("INSERT INTO \"app\".\"us\"\"er\" (\"name\", \"age\") OVERRIDING SYSTEM VALUE SELECT \"name\", "
					+ "\"age\" FROM \"stage\" ORDER BY \"ord\" ON CONFLICT (\"name\") DO UPDATE SET \"age\" = "
					+ "EXCLUDED.\"age\" RETURNING \"id\"");
		assertThat(SqlRenderer.render(new Sql.Insert(TABLE, COLUMNS, List.of(), false,
				new Sql.OnConflict(List.of(), List.of(), "user_name_key"), List.of(), Sql.Select.of(COLUMNS, STAGE)))
			.sql()).endsWith("FROM \"stage\" ON CONFLICT ON CONSTRAINT \"user_name_key\" DO NOTHING");
		assertThat(SqlRenderer
			.render(new Sql.Insert(TABLE, COLUMNS, List.of(), false, new Sql.OnConflict(List.of(), List.of()),
					List.of(), Sql.Select.of(COLUMNS, STAGE)))
			.sql()).endsWith("FROM \"stage\" ON CONFLICT DO NOTHING");
	}

	@Test
	void shouldRenderTwoPhaseCommitCommandsWithTheIdAsLiteral() {
		assertThat(SqlRenderer.render(new Sql.PreparedTransaction(Sql.PreparedTransaction.Action.PREPARE, "db_1_2")))
			.isEqualTo("PREPARE TRANSACTION 'db_1_2'");
		assertThat(SqlRenderer.render(new Sql.PreparedTransaction(Sql.PreparedTransaction.Action.COMMIT, "db_1_2")))
			.isEqualTo("COMMIT PREPARED 'db_1_2'");
		assertThat(SqlRenderer.render(new Sql.PreparedTransaction(Sql.PreparedTransaction.Action.ROLLBACK, "db_1_2")))
			.isEqualTo("ROLLBACK PREPARED 'db_1_2'");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new Sql.PreparedTransaction(Sql.PreparedTransaction.Action.COMMIT, "x' OR '1"));
	}

	@Test
	void shouldRenderTheReplicaProbe() {
		assertThat(SqlRenderer.render(new Sql.ReplicaStatus())).isEqualTo("SELECT pg_is_in_recovery(), CASE"
				+ " WHEN NOT pg_is_in_recovery() THEN NULL"
				+ " WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0"
				+ " ELSE COALESCE((extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000)::int8, 0) END");
	}

	@Test
	void shouldRenderShowOfASetting() {
		assertThat(SqlRenderer.render(new Sql.Show("max_prepared_transactions")))
			.isEqualTo("SHOW max_prepared_transactions");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new Sql.Show("x; DROP TABLE y"));
	}

	@Test
	void shouldRenderTheLedgerTable() {
		assertThat(SqlRenderer.render(new Sql.CreateLedgerTable(STAGE, new Column("load_id"), new Column("committed"),
				new Column("decided_at"))))
			.isEqualTo("CREATE TABLE IF NOT EXISTS \"stage\" (\"load_id\" text PRIMARY KEY, \"committed\" boolean "
					+ "NOT NULL, \"decided_at\" timestamptz NOT NULL DEFAULT now())");
	}

	@Test
	void shouldRenderASelectOfValuesWithoutAFromClause() {
		assertThat(SqlRenderer.render(new Sql.SelectValues(List.of(new Sql.FunctionCall("pg_try_advisory_lock",
				List.of(new Sql.BindMarker("namespace"), new Sql.BindMarker("key")))))))
			.isEqualTo("SELECT pg_try_advisory_lock(?, ?)");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new Sql.SelectValues(List.of()));
	}

}
