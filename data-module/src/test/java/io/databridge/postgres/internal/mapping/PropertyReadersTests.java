package io.databridge.postgres.internal.mapping;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.AccessType;
import org.springframework.data.annotation.AccessType.Type;
import org.springframework.data.annotation.Id;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PgPersistentProperty#readFrom} reads what Spring Data's property accessor reads,
 * for every kind of entity.
 */
class PropertyReadersTests {

	private final PgMappingContext context = new PgMappingContext();

	record Account(@Id long id, String owner, BigDecimal balance, boolean active, double rate, List<String> tags) {
	}

	static class Mutable {

		@Id
		private Long id;

		private int count;

		protected String label;

	}

	static class Derived extends Mutable {

		private short extra;

	}

	static class ThroughGetter {

		@Id
		private Long id;

		@AccessType(Type.PROPERTY)
		private String name;

		public String getName() {
			return "got:" + this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

	private record Hidden(@Id Long id, String secret) {
	}

	@Test
	void shouldReadRecordComponentsIncludingPrimitivesAsTheAccessorDoes() {
		Account account = new Account(7, "ann", new BigDecimal("12.50"), true, 0.25, List.of("a"));
		assertSameAsSpringsAccessor(account);
		assertThat(property(Account.class, "id").readFrom(account)).isEqualTo(7L);
		assertThat(property(Account.class, "active").readFrom(account)).isEqualTo(true);
	}

	@Test
	void shouldReadPrivateAndInheritedFieldsOfClasses() {
		Derived derived = new Derived();
		((Mutable) derived).id = 3L;
		((Mutable) derived).count = 5;
		derived.label = null;
		derived.extra = 9;
		assertSameAsSpringsAccessor(derived);
		assertThat(property(Derived.class, "extra").readFrom(derived)).isEqualTo((short) 9);
		assertThat(property(Derived.class, "label").readFrom(derived)).isNull();
	}

	@Test
	void shouldReadThroughTheGetterWithPropertyAccess() {
		ThroughGetter bean = new ThroughGetter();
		bean.id = 1L;
		bean.name = "x";
		assertSameAsSpringsAccessor(bean);
		assertThat(property(ThroughGetter.class, "name").readFrom(bean)).isEqualTo("got:x");
	}

	@Test
	void shouldReadComponentsOfAPrivateRecord() {
		Hidden hidden = new Hidden(2L, "s");
		assertSameAsSpringsAccessor(hidden);
	}

	@SuppressWarnings("unchecked")
	private <T> void assertSameAsSpringsAccessor(T bean) {
		PgPersistentEntity<T> entity = (PgPersistentEntity<T>) this.context
			.getRequiredPersistentEntity(bean.getClass());
		for (PgPersistentProperty property : entity) {
			assertThat(property.readFrom(bean)).as(property.getName())
				.isEqualTo(entity.getPropertyAccessor(bean).getProperty(property));
		}
	}

	private PgPersistentProperty property(Class<?> type, String name) {
		return this.context.getRequiredPersistentEntity(type).getRequiredPersistentProperty(name);
	}

}
