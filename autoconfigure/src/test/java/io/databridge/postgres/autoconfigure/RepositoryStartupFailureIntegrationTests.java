package io.databridge.postgres.autoconfigure;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Repositories that cannot work fail when they are created, naming the problem.
 */
class RepositoryStartupFailureIntegrationTests {

	@Table("no_id")
	record NoId(String name) {
	}

	interface NoIdRepository extends PgRepository<NoId, Long> {

	}

	@Table("wrong_id")
	record WrongId(@Id String code) {
	}

	interface WrongIdRepository extends PgRepository<WrongId, Long> {

	}

	private final PgRepositoryFactory factory = new PgRepositoryFactory(
			new PgTemplate(TestDatabase.shared().dataSource()));

	@Test
	void entityWithoutIdFailsNamingTheEntity() {
		assertThatThrownBy(() -> this.factory.getRepository(NoIdRepository.class)).hasMessageContaining("NoId")
			.hasMessageContaining("@Id");
	}

	@Test
	void idTypeMismatchFailsNamingBothTypes() {
		assertThatThrownBy(() -> this.factory.getRepository(WrongIdRepository.class))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("WrongIdRepository")
			.hasMessageContaining("java.lang.Long")
			.hasMessageContaining("java.lang.String");
	}

}
