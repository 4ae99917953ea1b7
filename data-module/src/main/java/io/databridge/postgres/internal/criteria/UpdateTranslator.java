package io.databridge.postgres.internal.criteria;

import java.util.Set;

import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.query.Operator;
import io.databridge.postgres.query.Update;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.ClassUtils;

/**
 * Turns the assignments of an {@link Update} into SQL: {@code x = ?}, {@code x = (x + ?)}
 * or {@code x = ?} bound to NULL. Only top-level properties can be assigned; a set value
 * must have the property's type (numbers converted when nothing is lost), an increment
 * needs a numeric property.
 */
final class UpdateTranslator {

	private static final Set<Class<?>> NUMERIC = Set.of(Short.class, Integer.class, Long.class, Float.class,
			Double.class, java.math.BigDecimal.class, java.math.BigInteger.class);

	private UpdateTranslator() {
	}

	static Sql.Assignment assignment(Target target, Update.Assignment assignment, Bindings bindings,
			@Nullable ValueCodecs codecs) {
		if (target.kind() == Target.Kind.JSON_PATH) {
			throw new InvalidDataAccessApiUsageException("Cannot assign '" + target.name()
					+ "': updates set whole properties, not paths inside a @Jsonb document");
		}
		Sql.Column column = target.column();
		bindings.about(assignment.kind().name().toLowerCase(java.util.Locale.ROOT) + "(...) of property '"
				+ target.name() + "'");
		return switch (assignment.kind()) {
			case SET_NULL -> new Sql.Assignment(column, bindings.add(null, Bindings.NULL));
			case SET -> new Sql.Assignment(column, setValue(target, assignment.value(), bindings, codecs));
			case INCREMENT -> {
				if (target.kind() != Target.Kind.UNTYPED
						&& (target.kind() != Target.Kind.SCALAR || !NUMERIC.contains(target.type()))) {
					throw new InvalidDataAccessApiUsageException("Cannot increment property '" + target.name()
							+ "' of type " + target.typeName() + "; increment applies to numeric properties");
				}
				Object amount = ValueChecks.check(target, Operator.IS, assignment.value());
				ValueCodec codec = target.codec();
				Sql.BindMarker marker = bindings.add(amount, codec == null ? Bindings.UNBOUND : codec::bind);
				yield new Sql.Assignment(column, new Sql.BinaryOperation(column, Sql.ValueOperator.PLUS, marker));
			}
		};
	}

	private static Sql.Expression setValue(Target target, @Nullable Object value, Bindings bindings,
			@Nullable ValueCodecs codecs) {
		if (target.kind() == Target.Kind.SCALAR || target.kind() == Target.Kind.UNTYPED) {
			Object checked = value == null ? null : ValueChecks.check(target, Operator.IS, value);
			ValueCodec codec = target.codec();
			return bindings.add(checked, codec == null ? Bindings.UNBOUND : codec::bind);
		}
		// arrays and documents are written whole, with the property's own codec
		Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(target.property().getType());
		if (value != null && !type.isInstance(value)) {
			throw new IllegalArgumentException("Property '" + target.name() + "' expects " + type.getName()
					+ " values, got " + value.getClass().getName() + " " + ValueChecks.abbreviate(value));
		}
		ValueCodec codec = codecs.forProperty(target.property());
		return bindings.add(value, codec::bind);
	}

}
