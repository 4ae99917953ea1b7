package io.databridge.postgres.internal.repository.query;

import java.util.List;

import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;

import org.springframework.data.repository.query.ReturnedType;

/**
 * Which properties a query must select for a returned type: for a closed interface
 * projection or a DTO whose properties all exist on the entity, only those; otherwise
 * every column.
 */
final class Projections {

	private Projections() {
	}

	/**
	 * @return the property names to select, or an empty list for every column
	 */
	static List<String> properties(ReturnedType returned, PgPersistentEntity<?> entity) {
		if (!returned.isProjecting() || !returned.hasInputProperties()) {
			return List.of();
		}
		List<String> input = returned.getInputProperties();
		for (String name : input) {
			PgPersistentProperty property = entity.getPersistentProperty(name);
			if (property == null || property.isTransient()) {
				return List.of();
			}
		}
		return List.copyOf(input);
	}

}
