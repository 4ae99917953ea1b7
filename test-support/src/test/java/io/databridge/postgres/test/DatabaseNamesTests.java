package io.databridge.postgres.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseNamesTests {

	private static final Instant NOW = Instant.ofEpochSecond(1_767_225_600L);

	@Test
	void newNameHasEpochSecondsAndSixHexDigits() {
		String name = DatabaseNames.newName(NOW, new Random(42));
		assertThat(name).matches("dbt_1767225600_[0-9a-f]{6}");
		assertThat(DatabaseNames.createdAt(name)).hasValue(1_767_225_600L);
	}

	@Test
	void newNamesDiffer() {
		Random random = new Random(7);
		assertThat(DatabaseNames.newName(NOW, random)).isNotEqualTo(DatabaseNames.newName(NOW, random));
	}

	@Test
	void parsesOnlyTestDatabaseNames() {
		assertThat(DatabaseNames.createdAt("dbt_1700000000_0a1b2c")).hasValue(1_700_000_000L);
		assertThat(DatabaseNames.createdAt("dbt_1700000000_0A1B2C")).isEmpty();
		assertThat(DatabaseNames.createdAt("dbt_1700000000_0a1b2")).isEmpty();
		assertThat(DatabaseNames.createdAt("dbt_x_0a1b2c")).isEmpty();
		assertThat(DatabaseNames.createdAt("dbt_1700000000_0a1b2c_copy")).isEmpty();
		assertThat(DatabaseNames.createdAt("databridge_sample")).isEmpty();
		assertThat(DatabaseNames.createdAt("dbt_99999999999999999999_0a1b2c")).isEmpty();
	}

	@Test
	void leftoverWhenOlderThanMaxAge() {
		Duration sixHours = Duration.ofHours(6);
		long sixHoursAgo = NOW.getEpochSecond() - sixHours.toSeconds();
		assertThat(DatabaseNames.isLeftover("dbt_" + (sixHoursAgo - 1) + "_abcdef", NOW, sixHours)).isTrue();
		assertThat(DatabaseNames.isLeftover("dbt_" + sixHoursAgo + "_abcdef", NOW, sixHours)).isFalse();
		assertThat(DatabaseNames.isLeftover("dbt_" + NOW.getEpochSecond() + "_abcdef", NOW, sixHours)).isFalse();
		assertThat(DatabaseNames.isLeftover("dbt_" + (NOW.getEpochSecond() + 60) + "_abcdef", NOW, sixHours)).isFalse();
		assertThat(DatabaseNames.isLeftover("postgres", NOW, sixHours)).isFalse();
		assertThat(DatabaseNames.isLeftover("dbt_1_abc", NOW, sixHours)).isFalse();
	}

	@Test
	void quotesIdentifiers() {
		assertThat(DatabaseNames.quote("dbt_1_abcdef")).isEqualTo("\"dbt_1_abcdef\"");
		assertThat(DatabaseNames.quote("my\"db")).isEqualTo("\"my\"\"db\"");
		assertThatIllegalArgumentException().isThrownBy(() -> DatabaseNames.quote(""));
	}

}
