package io.databridge.postgres.internal.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.databridge.postgres.mapping.NamingStrategy;
import io.databridge.postgres.mapping.Table;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.model.BasicPersistentEntity;
import org.springframework.util.StringUtils;

/**
 * A mapped entity: its table, its id property and its columns in declaration order. The
 * column list is frozen by {@link #verify()} when the mapping context finishes the
 * entity.
 *
 * @param <T> the entity type
 */
public final class PgPersistentEntity<T> extends BasicPersistentEntity<T, PgPersistentProperty> {

	private final String tableName;

	private final @Nullable String schema;

	private List<PgPersistentProperty> columns = List.of();

	private List<PgPersistentProperty> collections = List.of();

	private List<PgPersistentProperty> references = List.of();

	PgPersistentEntity(TypeInformation<T> type, NamingStrategy naming) {
		super(type);
		Table table = findAnnotation(Table.class);
		this.tableName = table != null && StringUtils.hasText(table.value()) ? table.value()
				: naming.tableName(type.getType());
		this.schema = table != null && StringUtils.hasText(table.schema()) ? table.schema() : null;
	}

	/** The table name, unquoted. */
	public String tableName() {
		return this.tableName;
	}

	/** The schema, or {@code null} for the connection's search path. */
	public @Nullable String schema() {
		return this.schema;
	}

	/**
	 * Every property stored in a column of this entity's table (not transient, not a
	 * one-to-many collection), in declaration order; the id and {@code Ref} columns
	 * included.
	 */
	public List<PgPersistentProperty> columns() {
		return this.columns;
	}

	/**
	 * The owned one-to-many collections, stored in their children's tables, in
	 * declaration order.
	 */
	public List<PgPersistentProperty> collections() {
		return this.collections;
	}

	/** The {@code Ref} properties, a subset of {@link #columns()}. */
	public List<PgPersistentProperty> references() {
		return this.references;
	}

	/**
	 * Returns the id property or fails naming the entity.
	 * @throws InvalidDataAccessApiUsageException when the entity declares no {@code @Id}
	 */
	public PgPersistentProperty requireId() {
		PgPersistentProperty id = getIdProperty();
		if (id == null) {
			throw new InvalidDataAccessApiUsageException("Entity " + getType().getName()
					+ " has no id property: annotate one with @Id (org.springframework.data.annotation.Id)");
		}
		return id;
	}

	/**
	 * Resolves a property stored in a column of this entity's table by its Java name.
	 * @throws InvalidDataAccessApiUsageException naming the entity and its properties
	 * when unknown, or when the property is a one-to-many collection
	 */
	public PgPersistentProperty requireProperty(String name) {
		PgPersistentProperty property = getPersistentProperty(name);
		if (property == null || property.isTransient()) {
			List<String> known = this.columns.stream().map(PgPersistentProperty::getName).toList();
			throw new InvalidDataAccessApiUsageException("No property '" + abbreviate(name) + "' on entity "
					+ getType().getSimpleName() + " (table " + this.tableName + "); known properties: " + known);
		}
		if (property.isOneToMany()) {
			throw new InvalidDataAccessApiUsageException("Property '" + name + "' of entity "
					+ getType().getSimpleName()
					+ " is a one-to-many collection stored in another table, not a column of " + this.tableName);
		}
		return property;
	}

	private static String abbreviate(String name) {
		return name.length() <= 64 ? name : name.substring(0, 64) + "...";
	}

	@Override
	public void verify() {
		super.verify();
		List<PgPersistentProperty> list = new ArrayList<>();
		List<PgPersistentProperty> owned = new ArrayList<>();
		List<PgPersistentProperty> refs = new ArrayList<>();
		doWithProperties((PgPersistentProperty property) -> {
			if (property.isTransient()) {
				return;
			}
			if (property.isOneToMany()) {
				owned.add(property);
				return;
			}
			list.add(property);
			if (property.isReference()) {
				refs.add(property);
			}
		});
		this.columns = Collections.unmodifiableList(list);
		this.collections = List.copyOf(owned);
		this.references = List.copyOf(refs);
	}

}
