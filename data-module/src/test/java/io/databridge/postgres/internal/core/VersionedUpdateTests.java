package io.databridge.postgres.internal.core;

import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.mapping.Table;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.model.EntityInstantiators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionedUpdateTests {

	private final PgMappingContext context = new PgMappingContext();

	private final EntityInstantiators instantiators = new EntityInstantiators();

	@Table("account")
	record Account(@Id Long id, String owner, @Version Long version, long balance) {
	}

	record Counter(@Id Long id, @Version int version) {
	}

	record Stamped(@Id Long id, @Version String version) {
	}

	@Test
	void rendersUpdateAndDeleteThatCheckTheVersion() {
		VersionedUpdate<Account> versioned = versioned(Account.class);
		assertThat(versioned.update).isEqualTo("UPDATE \"account\" SET \"owner\" = ?, \"balance\" = ?, \"version\" = ? "
				+ "WHERE \"id\" = ? AND \"version\" = ?");
		assertThat(versioned.delete).isEqualTo("DELETE FROM \"account\" WHERE \"id\" = ? AND \"version\" = ?");
	}

	@Test
	void initialVersionIsZeroForWrappersAndOneForPrimitives() {
		assertThat(versioned(Account.class).initialVersion(new Account(null, "a", null, 0)).version()).isZero();
		assertThat(versioned(Counter.class).initialVersion(new Counter(null, 0)).version()).isEqualTo(1);
	}

	@Test
	void versionOnlyEntityUpdatesTheVersionAlone() {
		assertThat(versioned(Counter.class).update)
			.isEqualTo("UPDATE \"counter\" SET \"version\" = ? WHERE \"id\" = ? AND \"version\" = ?");
	}

	@Test
	void rejectsNonNumericVersions() {
		assertThatThrownBy(() -> versioned(Stamped.class)).isInstanceOf(MappingException.class)
			.hasMessageContaining("'version'")
			.hasMessageContaining("long, Long, int or Integer");
	}

	private <T> VersionedUpdate<T> versioned(Class<T> type) {
		return new VersionedUpdate<>(
				new EntityStatements<>(this.context.entity(type), new ValueCodecs(), this.instantiators),
				this.instantiators);
	}

}
