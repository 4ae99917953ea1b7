package io.databridge.postgres.internal.relation;

import java.util.List;
import java.util.Set;

import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.mapping.OneToMany;
import io.databridge.postgres.mapping.Ref;
import io.databridge.postgres.mapping.Table;
import org.junit.jupiter.api.Test;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.model.EntityInstantiators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnedCollectionTests {

	private final PgMappingContext context = new PgMappingContext();

	@Table("shop_order")
	record Order(@Id Long id, Ref<Customer> customer, @OneToMany(foreignKey = "order_id") List<Line> lines,
			@OneToMany Set<Note> notes, List<String> tags) {
	}

	record Customer(@Id Long id, String name) {
	}

	record Line(@Id Long id, String product, Long orderId) {
	}

	record Note(String text) {
	}

	record Nested(@Id Long id, List<Order> orders) {
	}

	@Test
	void mapsCollectionsOutOfTheColumnsAndReferencesIntoThem() {
		PgPersistentEntity<Order> order = this.context.entity(Order.class);
		assertThat(order.columns()).extracting(PgPersistentProperty::columnName)
			.containsExactly("id", "customer_id", "tags");
		assertThat(order.references()).extracting(PgPersistentProperty::getName).containsExactly("customer");
		assertThat(order.collections()).extracting(PgPersistentProperty::getName).containsExactly("lines", "notes");
		assertThat(order.collections()).extracting(PgPersistentProperty::foreignKeyColumn)
			.containsExactly("order_id", "shop_order_id");
		assertThat(order.requireProperty("customer").referenceIdType()).isEqualTo(Long.class);
	}

	@Test
	void rendersTheChildStatementsOnceWithTheForeignKeyFromTheAnnotation() {
		assertThat(collection(Order.class, "lines").statements()).containsExactly(
				"SELECT \"id\", \"product\", \"order_id\", \"order_id\" FROM \"line\" WHERE \"order_id\" = ANY(?) "
						+ "ORDER BY \"order_id\", \"id\"",
				"INSERT INTO \"line\" (\"order_id\", \"id\", \"product\") OVERRIDING SYSTEM VALUE VALUES (?, ?, ?)",
				"INSERT INTO \"line\" (\"order_id\", \"product\") VALUES (?, ?) RETURNING \"id\"",
				"DELETE FROM \"line\" WHERE \"order_id\" = ?", "DELETE FROM \"line\" WHERE \"order_id\" = ANY(?)",
				"DELETE FROM \"line\"");
	}

	@Test
	void childrenWithoutIdUseTheOwnerTableNameForTheForeignKey() {
		assertThat(collection(Order.class, "notes").statements()).containsExactly(
				"SELECT \"text\", \"shop_order_id\" FROM \"note\" WHERE \"shop_order_id\" = ANY(?) "
						+ "ORDER BY \"shop_order_id\"",
				"INSERT INTO \"note\" (\"shop_order_id\", \"text\") VALUES (?, ?)", null,
				"DELETE FROM \"note\" WHERE \"shop_order_id\" = ?",
				"DELETE FROM \"note\" WHERE \"shop_order_id\" = ANY(?)", "DELETE FROM \"note\"");
	}

	@Test
	void collectionsAreNotColumnsForSortsAndQueries() {
		assertThatThrownBy(() -> this.context.entity(Order.class).requireProperty("lines"))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("'lines'")
			.hasMessageContaining("one-to-many");
	}

	@Test
	void rejectsCollectionsNestedTwoLevelsDeep() {
		assertThatThrownBy(() -> collection(Nested.class, "orders")).isInstanceOf(MappingException.class)
			.hasMessageContaining("only one level");
	}

	private OwnedCollection collection(Class<?> owner, String property) {
		PgPersistentEntity<?> entity = this.context.entity(owner);
		PgPersistentProperty collection = entity.getRequiredPersistentProperty(property);
		return new OwnedCollection(collection, entity, this.context.entity(collection.childType()), new ValueCodecs(),
				new EntityInstantiators());
	}

}
