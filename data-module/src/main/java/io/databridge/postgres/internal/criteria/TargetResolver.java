package io.databridge.postgres.internal.criteria;

import java.util.List;

import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.query.CriteriaNode.Path;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.ClassUtils;

/**
 * Resolves criteria paths against an entity's mapping: the first segment must be a mapped
 * property; further segments are only allowed into {@code @Jsonb} properties. Without an
 * entity (formatting a criteria for {@code toString()}) every path resolves untyped.
 */
final class TargetResolver {

	private final @Nullable PgPersistentEntity<?> entity;

	private final @Nullable ValueCodecs codecs;

	TargetResolver(@Nullable PgPersistentEntity<?> entity, @Nullable ValueCodecs codecs) {
		this.entity = entity;
		this.codecs = codecs;
	}

	/** A resolver for formatting: no entity, nothing checked. */
	static TargetResolver untyped() {
		return new TargetResolver(null, null);
	}

	/**
	 * Resolves a path.
	 * @throws InvalidDataAccessApiUsageException for an unknown property, a nested path
	 * into a property that is not {@code @Jsonb}, or a method reference declared on
	 * another type
	 */
	Target resolve(Path path) {
		List<String> segments = path.segments();
		List<String> keys = segments.subList(1, segments.size());
		PgPersistentEntity<?> owner = this.entity;
		if (owner == null || this.codecs == null) {
			Sql.Column column = new Sql.Column(segments.get(0));
			return new Target(path.dotPath(), keys.isEmpty() ? Target.Kind.UNTYPED : Target.Kind.JSON_PATH, column,
					keys, null, null, null);
		}
		String name = owner.getType().getSimpleName() + "." + path.dotPath();
		if (path.declaringType() != null && !path.declaringType().isAssignableFrom(owner.getType())) {
			throw new InvalidDataAccessApiUsageException("Property " + path.declaringType().getSimpleName() + "."
					+ path.dotPath() + " does not belong to entity " + owner.getType().getName());
		}
		PgPersistentProperty property = owner.requireProperty(segments.get(0));
		Sql.Column column = new Sql.Column(property.columnName());
		if (!keys.isEmpty()) {
			if (!property.isJsonb()) {
				throw new InvalidDataAccessApiUsageException("Property path '" + path.dotPath() + "' of entity "
						+ owner.getType().getSimpleName() + " goes into '" + property.getName()
						+ "', which is not a @Jsonb property; nested paths are only supported into @Jsonb documents");
			}
			return new Target(name, Target.Kind.JSON_PATH, column, List.copyOf(keys), null, null, property);
		}
		if (property.isJsonb()) {
			return new Target(name, Target.Kind.JSON, column, List.of(), null, null, property);
		}
		if (property.isCollectionLike() && property.getType() != byte[].class && !property.isVector()) {
			Class<?> element = ClassUtils.resolvePrimitiveIfNecessary(property.getActualType());
			ValueCodec codec = this.codecs.find(element);
			if (codec == null) {
				throw new InvalidDataAccessApiUsageException("Property '" + name + "' is an array of "
						+ element.getName() + ", which has no PostgreSQL mapping");
			}
			return new Target(name, Target.Kind.ARRAY, column, List.of(), element, codec, property);
		}
		ValueCodec codec = this.codecs.forProperty(property);
		return new Target(name, Target.Kind.SCALAR, column, List.of(),
				ClassUtils.resolvePrimitiveIfNecessary(property.getType()), codec, property);
	}

}
