package io.databridge.postgres.internal.mapping;

import io.databridge.postgres.mapping.Column;
import io.databridge.postgres.mapping.Jsonb;
import io.databridge.postgres.mapping.NamingStrategy;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mapping.Association;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mapping.model.AnnotationBasedPersistentProperty;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;
import org.springframework.util.StringUtils;

/**
 * A property of a mapped entity: its column name (from {@link Column} or the naming strategy) and
 * whether it is stored as {@code jsonb}. Immutable once the mapping context has built it.
 */
public final class PgPersistentProperty extends AnnotationBasedPersistentProperty<PgPersistentProperty> {

	private final String columnName;

	private final boolean jsonb;

	PgPersistentProperty(Property property, PersistentEntity<?, PgPersistentProperty> owner,
			SimpleTypeHolder simpleTypes, NamingStrategy naming) {
		super(property, owner, simpleTypes);
		Column column = findAnnotation(Column.class);
		this.columnName = column != null && StringUtils.hasText(column.value()) ? column.value()
				: naming.columnName(getName());
		this.jsonb = isAnnotationPresent(Jsonb.class);
	}

	/** The column name, unquoted. */
	public String columnName() {
		return this.columnName;
	}

	/** Whether the property is stored as a {@code jsonb} document. */
	public boolean isJsonb() {
		return this.jsonb;
	}

	@Override
	public boolean isEntity() {
		return !this.jsonb && super.isEntity();
	}

	@Override
	public Iterable<? extends org.springframework.data.core.TypeInformation<?>> getPersistentEntityTypeInformation() {
		return this.jsonb ? java.util.List.of() : super.getPersistentEntityTypeInformation();
	}

	@Override
	protected @Nullable Association<PgPersistentProperty> createAssociation() {
		return null;
	}
}
