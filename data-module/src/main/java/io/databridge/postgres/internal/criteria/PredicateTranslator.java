package io.databridge.postgres.internal.criteria;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.databridge.postgres.internal.convert.VectorMetric;
import io.databridge.postgres.internal.criteria.Target.Kind;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.Sql.BindMarker;
import io.databridge.postgres.internal.sql.Sql.Comparison;
import io.databridge.postgres.internal.sql.Sql.Condition;
import io.databridge.postgres.internal.sql.Sql.Expression;
import io.databridge.postgres.query.CriteriaNode.Predicate;
import io.databridge.postgres.query.Operator;

/**
 * Translates one predicate on a resolved {@link Target} into a condition, checking that
 * the target supports the operator and that every value has the target's type. Scalars
 * and arrays are handled here; text operators by {@link TextPredicates}, {@code jsonb}
 * documents and paths by {@link JsonPredicates}. Values become placeholders in
 * {@link Bindings}.
 */
final class PredicateTranslator {

	private static final Set<Operator> CASE_INSENSITIVE = Set.of(Operator.IS, Operator.NOT, Operator.LIKE,
			Operator.NOT_LIKE, Operator.STARTS_WITH, Operator.ENDS_WITH, Operator.CONTAINS, Operator.MATCHES);

	private final Bindings bindings;

	private final TextPredicates text;

	private final JsonPredicates json;

	PredicateTranslator(Bindings bindings) {
		this.bindings = bindings;
		this.text = new TextPredicates(bindings);
		this.json = new JsonPredicates(bindings, this.text);
	}

	Condition translate(Target target, Predicate predicate) {
		Operator operator = predicate.operator();
		this.bindings.about(operator.method() + "(...) on property '" + target.name() + "'");
		if (predicate.ignoreCase() && !CASE_INSENSITIVE.contains(operator)) {
			throw ValueChecks.unsupported(target, operator,
					"ignoreCase applies to is, not, like, notLike, " + "startsWith, endsWith, contains and matches");
		}
		if (operator == Operator.NEAR || operator == Operator.WITHIN) {
			return vector(target, predicate);
		}
		return switch (target.kind()) {
			case SCALAR -> scalar(target, predicate);
			case UNTYPED -> untyped(target, predicate);
			case JSON_PATH -> this.json.path(target, predicate);
			case JSON -> this.json.document(target, target.column(), predicate);
			case ARRAY -> array(target, predicate);
		};
	}

	/**
	 * {@code distance <= ?} (near) or {@code distance BETWEEN ? AND ?} (within), the
	 * score's or range's bounds turned into distances of its metric.
	 */
	private Condition vector(Target target, Predicate predicate) {
		Object bound = predicate.values().get(1);
		VectorMetric metric = VectorMetric.of(VectorMetric.functionOf(bound));
		double[] distances = metric.distanceBounds(bound);
		Expression distance = distance(target, predicate.operator(), predicate.values().get(0), metric);
		ValueBinder setDouble = (ps, i, v) -> ps.setDouble(i, (Double) v);
		if (predicate.operator() == Operator.NEAR) {
			return new Comparison(distance, Sql.Operator.LE, this.bindings.add(distances[1], setDouble));
		}
		return new Sql.Between(distance, this.bindings.add(distances[0], setDouble),
				this.bindings.add(distances[1], setDouble), false);
	}

	/**
	 * {@code column <op> ?::vector} for a vector property.
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException when the target
	 * is no vector property
	 */
	Expression distance(Target target, Operator operator, Object vector, VectorMetric metric) {
		if (target.property() == null || !target.property().isVector() || target.codec() == null) {
			throw ValueChecks.unsupported(target, operator,
					"it applies to vector properties (a Vector or a @VectorColumn float[])");
		}
		BindMarker marker = this.bindings.add(vector, target.codec()::bind);
		return new Sql.BinaryOperation(target.column(), metric.operator(), new Sql.Cast(marker, "vector"));
	}

	private Condition untyped(Target target, Predicate predicate) {
		return switch (predicate.operator()) {
			case OVERLAPS, ANY_EQUALS -> array(target, predicate);
			case HAS_KEY -> this.json.document(target, target.column(), predicate);
			case CONTAINS ->
				predicate.values().get(0) instanceof String ? scalar(target, predicate) : array(target, predicate);
			default -> scalar(target, predicate);
		};
	}

	private Condition scalar(Target target, Predicate predicate) {
		Operator operator = predicate.operator();
		List<Object> values = predicate.values();
		Expression column = target.column();
		if (predicate.ignoreCase()) {
			ValueChecks.requireText(target, operator);
		}
		return switch (operator) {
			case IS -> compare(target, predicate, column, Sql.Operator.EQ);
			case NOT -> compare(target, predicate, column, Sql.Operator.NE);
			case LESS_THAN -> ordered(target, predicate, column, Sql.Operator.LT);
			case LESS_THAN_OR_EQUALS -> ordered(target, predicate, column, Sql.Operator.LE);
			case GREATER_THAN -> ordered(target, predicate, column, Sql.Operator.GT);
			case GREATER_THAN_OR_EQUALS -> ordered(target, predicate, column, Sql.Operator.GE);
			case BETWEEN -> {
				ValueChecks.requireOrdered(target, operator);
				yield new Sql.Between(column, scalarMarker(target, operator, values.get(0)),
						scalarMarker(target, operator, values.get(1)), false);
			}
			case IN, NOT_IN -> {
				List<Object> checked = new ArrayList<>(values.size());
				for (Object value : values) {
					checked.add(ValueChecks.check(target, operator, value));
				}
				String pgType = target.codec() == null ? "text" : target.codec().pgType();
				yield new Sql.AnyOf(column, this.bindings.addArray(checked, pgType), operator == Operator.NOT_IN);
			}
			case IS_NULL, IS_NOT_NULL -> new Sql.IsNull(column, operator == Operator.IS_NOT_NULL);
			case IS_TRUE, IS_FALSE -> {
				if (target.kind() == Kind.SCALAR && target.type() != Boolean.class) {
					throw ValueChecks.unsupported(target, operator, "it applies to boolean properties");
				}
				Condition isTrue = new Sql.Predicate(column);
				yield operator == Operator.IS_TRUE ? isTrue : new Sql.Not(isTrue);
			}
			case LIKE, NOT_LIKE, ILIKE, STARTS_WITH, ENDS_WITH, CONTAINS, MATCHES, TEXT_SEARCH -> {
				ValueChecks.requireText(target, operator);
				yield this.text.translate(target, predicate, column);
			}
			case HAS_KEY, OVERLAPS, ANY_EQUALS -> throw ValueChecks.unsupported(target, operator, "it applies to "
					+ (operator == Operator.HAS_KEY ? "@Jsonb" : "array or collection") + " properties");
			case NEAR, WITHIN -> vector(target, predicate);
		};
	}

	private Condition compare(Target target, Predicate predicate, Expression column, Sql.Operator sqlOperator) {
		BindMarker marker = scalarMarker(target, predicate.operator(), predicate.values().get(0));
		if (predicate.ignoreCase()) {
			return new Comparison(TextPredicates.lower(column), sqlOperator, TextPredicates.lower(marker));
		}
		return new Comparison(column, sqlOperator, marker);
	}

	private Condition ordered(Target target, Predicate predicate, Expression column, Sql.Operator sqlOperator) {
		ValueChecks.requireOrdered(target, predicate.operator());
		return new Comparison(column, sqlOperator,
				scalarMarker(target, predicate.operator(), predicate.values().get(0)));
	}

	private BindMarker scalarMarker(Target target, Operator operator, Object value) {
		Object checked = ValueChecks.check(target, operator, value);
		return this.bindings.add(checked, target.codec() == null ? Bindings.UNBOUND : target.codec()::bind);
	}

	private Condition array(Target target, Predicate predicate) {
		Operator operator = predicate.operator();
		String pgType = target.codec() == null ? "text" : target.codec().pgType();
		return switch (operator) {
			case CONTAINS, OVERLAPS -> {
				Object operand = predicate.values().get(0);
				List<?> elements = operand instanceof List<?> list ? list : List.of(operand);
				List<Object> checked = new ArrayList<>(elements.size());
				for (Object element : elements) {
					checked.add(ValueChecks.check(target, operator, element));
				}
				yield new Comparison(target.column(),
						operator == Operator.CONTAINS ? Sql.Operator.CONTAINS : Sql.Operator.OVERLAPS,
						this.bindings.addArray(checked, pgType));
			}
			case ANY_EQUALS ->
				new Sql.AnyOf(scalarMarker(target, operator, predicate.values().get(0)), target.column(), false);
			case IS_NULL, IS_NOT_NULL -> new Sql.IsNull(target.column(), operator == Operator.IS_NOT_NULL);
			default -> throw ValueChecks.unsupported(target, operator,
					"an array property supports contains, overlaps, anyEquals, isNull and isNotNull");
		};
	}

}
