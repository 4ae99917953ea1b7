package io.databridge.postgres.internal.criteria;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.Sql.BinaryOperation;
import io.databridge.postgres.internal.sql.Sql.BindMarker;
import io.databridge.postgres.internal.sql.Sql.Cast;
import io.databridge.postgres.internal.sql.Sql.Comparison;
import io.databridge.postgres.internal.sql.Sql.Condition;
import io.databridge.postgres.internal.sql.Sql.Expression;
import io.databridge.postgres.internal.sql.Sql.FunctionCall;
import io.databridge.postgres.internal.sql.Sql.ValueOperator;
import io.databridge.postgres.query.CriteriaNode.Predicate;
import io.databridge.postgres.query.Operator;

/**
 * Conditions on {@code jsonb}: a whole document supports containment
 * ({@code @> ?::jsonb}), key existence ({@code jsonb_exists(doc, ?)}, since pgjdbc would
 * take a bare {@code ?} operator for a placeholder) and NULL tests; a path into it
 * ({@code doc -> ? ->> ?}, keys bound) compares as {@code text}, {@code numeric} or
 * {@code boolean} by the Java type of the values, and supports the text operators.
 */
final class JsonPredicates {

	private final Bindings bindings;

	private final TextPredicates text;

	JsonPredicates(Bindings bindings, TextPredicates text) {
		this.bindings = bindings;
		this.text = text;
	}

	/** A condition on a value inside a document. */
	Condition path(Target target, Predicate predicate) {
		Operator operator = predicate.operator();
		Object first = predicate.values().isEmpty() ? null : predicate.values().get(0);
		switch (operator) {
			case IS_NULL, IS_NOT_NULL:
				return new Sql.IsNull(jsonAccess(target, true), operator == Operator.IS_NOT_NULL);
			case IS_TRUE, IS_FALSE:
				Condition isTrue = new Sql.Predicate(new Cast(jsonAccess(target, true), "boolean"));
				return operator == Operator.IS_TRUE ? isTrue : new Sql.Not(isTrue);
			case HAS_KEY:
				return document(target, jsonAccess(target, false), predicate);
			case CONTAINS:
				if (!(first instanceof String)) {
					return document(target, jsonAccess(target, false), predicate);
				}
				return this.text.translate(target, predicate, jsonAccess(target, true));
			case LIKE, NOT_LIKE, ILIKE, STARTS_WITH, ENDS_WITH, MATCHES, TEXT_SEARCH:
				return this.text.translate(target, predicate, jsonAccess(target, true));
			case OVERLAPS, ANY_EQUALS:
				throw ValueChecks.unsupported(target, operator, "it applies to array or collection properties");
			default:
				return jsonCompare(target, predicate);
		}
	}

	/**
	 * Comparisons inside a document: as text, numeric or boolean, by the values' Java
	 * type.
	 */
	private Condition jsonCompare(Target target, Predicate predicate) {
		Operator operator = predicate.operator();
		Class<?> kind = jsonKind(target, operator, predicate.values());
		Expression text = jsonAccess(target, true);
		Expression typed = kind == String.class ? text : new Cast(text, kind == Boolean.class ? "boolean" : "numeric");
		if (predicate.ignoreCase() && kind != String.class) {
			throw ValueChecks.unsupported(target, operator, "ignoreCase applies to text values");
		}
		List<Object> converted = new ArrayList<>();
		for (Object value : predicate.values()) {
			converted.add(value instanceof Number number ? ValueChecks.decimal(target, operator, number) : value);
		}
		if (operator == Operator.IN || operator == Operator.NOT_IN) {
			String pgType = kind == String.class ? "text" : kind == Boolean.class ? "bool" : "numeric";
			return new Sql.AnyOf(typed, this.bindings.addArray(converted, pgType), operator == Operator.NOT_IN);
		}
		List<BindMarker> markers = new ArrayList<>();
		for (Object value : converted) {
			markers.add(this.bindings.add(value, jsonBinder(kind)));
		}
		return switch (operator) {
			case IS, NOT -> {
				Sql.Operator op = operator == Operator.IS ? Sql.Operator.EQ : Sql.Operator.NE;
				yield predicate.ignoreCase()
						? new Comparison(TextPredicates.lower(typed), op, TextPredicates.lower(markers.get(0)))
						: new Comparison(typed, op, markers.get(0));
			}
			case LESS_THAN -> new Comparison(typed, Sql.Operator.LT, markers.get(0));
			case LESS_THAN_OR_EQUALS -> new Comparison(typed, Sql.Operator.LE, markers.get(0));
			case GREATER_THAN -> new Comparison(typed, Sql.Operator.GT, markers.get(0));
			case GREATER_THAN_OR_EQUALS -> new Comparison(typed, Sql.Operator.GE, markers.get(0));
			case BETWEEN -> new Sql.Between(typed, markers.get(0), markers.get(1), false);
			default -> throw new IllegalStateException("Not a comparison: " + operator);
		};
	}

	private static Class<?> jsonKind(Target target, Operator operator, List<Object> values) {
		Class<?> kind = null;
		for (Object value : values) {
			Class<?> valueKind = value instanceof String ? String.class
					: value instanceof Number ? Number.class : value instanceof Boolean ? Boolean.class : null;
			if (valueKind == null || (kind != null && kind != valueKind)) {
				throw ValueChecks.wrongType(target, operator, "String, Number or Boolean (all of one kind)", value);
			}
			kind = valueKind;
		}
		return kind == null ? String.class : kind;
	}

	private static ValueBinder jsonBinder(Class<?> kind) {
		if (kind == Number.class) {
			return (ps, i, v) -> ps.setBigDecimal(i, (BigDecimal) v);
		}
		return kind == Boolean.class ? (ps, i, v) -> ps.setBoolean(i, (Boolean) v) : Bindings.STRING;
	}

	/**
	 * {@code column -> key -> ... ->> last} (or {@code -> last} for a jsonb result); keys
	 * are bound.
	 */
	private Expression jsonAccess(Target target, boolean asText) {
		Expression expression = target.column();
		List<String> keys = target.jsonKeys();
		for (int i = 0; i < keys.size(); i++) {
			boolean last = i == keys.size() - 1;
			ValueOperator operator = last && asText ? ValueOperator.JSON_GET_TEXT : ValueOperator.JSON_GET;
			expression = new BinaryOperation(expression, operator, this.bindings.add(keys.get(i), Bindings.STRING));
		}
		return expression;
	}

	/** A condition on a document (a column, or an object inside one). */
	Condition document(Target target, Expression document, Predicate predicate) {
		Operator operator = predicate.operator();
		return switch (operator) {
			case CONTAINS -> {
				String json = JsonValues.toJson(target, operator, predicate.values().get(0));
				yield new Comparison(document, Sql.Operator.CONTAINS, new Cast(this.bindings.addJsonb(json), "jsonb"));
			}
			case HAS_KEY -> {
				Object key = predicate.values().get(0);
				if (!(key instanceof String)) {
					throw ValueChecks.wrongType(target, operator, String.class.getName(), key);
				}
				yield new Sql.Predicate(
						new FunctionCall("jsonb_exists", List.of(document, this.bindings.add(key, Bindings.STRING))));
			}
			case IS_NULL, IS_NOT_NULL -> new Sql.IsNull(document, operator == Operator.IS_NOT_NULL);
			default -> throw ValueChecks.unsupported(target, operator,
					"a @Jsonb property supports contains, hasKey, isNull and isNotNull; compare values inside it "
							+ "with a path such as \"" + target.name().substring(target.name().indexOf('.') + 1)
							+ ".key\"");
		};
	}

}
