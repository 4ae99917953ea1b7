package io.databridge.postgres.internal.bulk;

import java.time.Instant;

import io.databridge.postgres.internal.sql.Sql;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StagingTablesTests {

	@Test
	void shouldNameStagingTablesWithTheirCreationTime() {
		Instant now = Instant.ofEpochSecond(1_795_000_000L);
		Sql.Table table = StagingTables.create("app", now);
		assertThat(table.schema()).isEqualTo("app");
		assertThat(table.name()).matches("databridge_bulk_1795000000_[0-9a-f]{8}");
		assertThat(StagingTables.createdAt(table.name())).isEqualTo(now);
		assertThat(StagingTables.create(null, now).name()).isNotEqualTo(table.name());
	}

	@Test
	void shouldNotMistakeOtherTablesForStagingTables() {
		assertThat(StagingTables.createdAt("databridge_bulk_stage")).isNull();
		assertThat(StagingTables.createdAt("databridge_bulk_notes")).isNull();
		assertThat(StagingTables.createdAt("databridge_bulk_12x_0badf00d")).isNull();
		assertThat(StagingTables.createdAt("databridge_bulk_12_0badf00d0")).isNull();
		assertThat(StagingTables.createdAt("users")).isNull();
	}

}
