package io.databridge.postgres.internal.criteria;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.databridge.postgres.internal.criteria.Target.Kind;
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
 * Translates one predicate on a resolved {@link Target} into a condition, checking that the
 * target supports the operator and that every value has the target's type. Scalars compare
 * directly; text operators need {@code String} properties; JSON paths compare as text,
 * {@code numeric} or {@code boolean} by the Java type of the value; arrays and {@code jsonb}
 * documents have containment operators. Values become placeholders in {@link Bindings}.
 */
final class PredicateTranslator {

	private static final Set<Operator> CASE_INSENSITIVE = Set.of(Operator.IS, Operator.NOT, Operator.LIKE,
			Operator.NOT_LIKE, Operator.STARTS_WITH, Operator.ENDS_WITH, Operator.CONTAINS, Operator.MATCHES);

	private final Bindings bindings;

	PredicateTranslator(Bindings bindings) {
		this.bindings = bindings;
	}

	Condition translate(Target target, Predicate predicate) {
		Operator operator = predicate.operator();
		if (predicate.ignoreCase() && !CASE_INSENSITIVE.contains(operator)) {
			throw ValueChecks.unsupported(target, operator, "ignoreCase applies to is, not, like, notLike, "
					+ "startsWith, endsWith, contains and matches");
		}
		return switch (target.kind()) {
			case SCALAR -> scalar(target, predicate);
			case UNTYPED -> untyped(target, predicate);
			case JSON_PATH -> jsonPath(target, predicate);
			case JSON -> json(target, target.column(), predicate);
			case ARRAY -> array(target, predicate);
		};
	}

	private Condition untyped(Target target, Predicate predicate) {
		return switch (predicate.operator()) {
			case OVERLAPS, ANY_EQUALS -> array(target, predicate);
			case HAS_KEY -> json(target, target.column(), predicate);
			case CONTAINS -> predicate.values().get(0) instanceof String ? scalar(target, predicate)
					: array(target, predicate);
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
				yield text(target, predicate, column);
			}
			case HAS_KEY, OVERLAPS, ANY_EQUALS -> throw ValueChecks.unsupported(target, operator,
					"it applies to " + (operator == Operator.HAS_KEY ? "@Jsonb" : "array or collection") + " properties");
		};
	}

	private Condition compare(Target target, Predicate predicate, Expression column, Sql.Operator sqlOperator) {
		BindMarker marker = scalarMarker(target, predicate.operator(), predicate.values().get(0));
		if (predicate.ignoreCase()) {
			return new Comparison(lower(column), sqlOperator, lower(marker));
		}
		return new Comparison(column, sqlOperator, marker);
	}

	private Condition ordered(Target target, Predicate predicate, Expression column, Sql.Operator sqlOperator) {
		ValueChecks.requireOrdered(target, predicate.operator());
		return new Comparison(column, sqlOperator, scalarMarker(target, predicate.operator(), predicate.values().get(0)));
	}

	private BindMarker scalarMarker(Target target, Operator operator, Object value) {
		Object checked = ValueChecks.check(target, operator, value);
		return this.bindings.add(checked, target.codec() == null ? Bindings.UNBOUND : target.codec()::bind);
	}

	/** The text operators on an expression of type text. */
	private Condition text(Target target, Predicate predicate, Expression text) {
		Operator operator = predicate.operator();
		List<String> values = new ArrayList<>();
		for (Object value : predicate.values()) {
			if (!(value instanceof String string)) {
				throw ValueChecks.wrongType(target, operator, String.class.getName(), value);
			}
			values.add(string);
		}
		boolean ci = predicate.ignoreCase();
		return switch (operator) {
			case LIKE -> like(text, ci ? Sql.Operator.ILIKE : Sql.Operator.LIKE, values.get(0));
			case NOT_LIKE -> like(text, ci ? Sql.Operator.NOT_ILIKE : Sql.Operator.NOT_LIKE, values.get(0));
			case ILIKE -> like(text, Sql.Operator.ILIKE, values.get(0));
			case STARTS_WITH -> like(text, ci ? Sql.Operator.ILIKE : Sql.Operator.LIKE, escape(values.get(0)) + "%");
			case ENDS_WITH -> like(text, ci ? Sql.Operator.ILIKE : Sql.Operator.LIKE, "%" + escape(values.get(0)));
			case CONTAINS -> like(text, ci ? Sql.Operator.ILIKE : Sql.Operator.LIKE, "%" + escape(values.get(0)) + "%");
			case MATCHES -> new Comparison(text, ci ? Sql.Operator.IREGEX : Sql.Operator.REGEX,
					this.bindings.add(values.get(0), Bindings.STRING));
			case TEXT_SEARCH -> {
				Expression vector = new FunctionCall("to_tsvector", List.of(regconfig(values.get(0)), text));
				Expression query = new FunctionCall("websearch_to_tsquery",
						List.of(regconfig(values.get(0)), this.bindings.add(values.get(1), Bindings.STRING)));
				yield new Comparison(vector, Sql.Operator.TS_MATCH, query);
			}
			default -> throw new IllegalStateException("Not a text operator: " + operator);
		};
	}

	private Condition like(Expression text, Sql.Operator operator, String pattern) {
		return new Comparison(text, operator, this.bindings.add(pattern, Bindings.STRING));
	}

	private Expression regconfig(String config) {
		return new Cast(this.bindings.add(config, Bindings.STRING), "regconfig");
	}

	/** Escapes {@code \}, {@code %} and {@code _} with PostgreSQL's default LIKE escape, the backslash. */
	static String escape(String literal) {
		return literal.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static Expression lower(Expression expression) {
		return new FunctionCall("lower", List.of(expression));
	}

	private Condition jsonPath(Target target, Predicate predicate) {
		Operator operator = predicate.operator();
		Object first = predicate.values().isEmpty() ? null : predicate.values().get(0);
		switch (operator) {
			case IS_NULL, IS_NOT_NULL:
				return new Sql.IsNull(jsonAccess(target, true), operator == Operator.IS_NOT_NULL);
			case IS_TRUE, IS_FALSE:
				Condition isTrue = new Sql.Predicate(new Cast(jsonAccess(target, true), "boolean"));
				return operator == Operator.IS_TRUE ? isTrue : new Sql.Not(isTrue);
			case HAS_KEY:
				return json(target, jsonAccess(target, false), predicate);
			case CONTAINS:
				if (!(first instanceof String)) {
					return json(target, jsonAccess(target, false), predicate);
				}
				return text(target, predicate, jsonAccess(target, true));
			case LIKE, NOT_LIKE, ILIKE, STARTS_WITH, ENDS_WITH, MATCHES, TEXT_SEARCH:
				return text(target, predicate, jsonAccess(target, true));
			case OVERLAPS, ANY_EQUALS:
				throw ValueChecks.unsupported(target, operator, "it applies to array or collection properties");
			default:
				return jsonCompare(target, predicate);
		}
	}

	/** Comparisons inside a document: as text, numeric or boolean, by the values' Java type. */
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
			converted.add(value instanceof Number number ? ValueChecks.decimal(number) : value);
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
				yield predicate.ignoreCase() ? new Comparison(lower(typed), op, lower(markers.get(0)))
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
			Class<?> valueKind = value instanceof String ? String.class : value instanceof Number ? Number.class
					: value instanceof Boolean ? Boolean.class : null;
			if (valueKind == null || (kind != null && kind != valueKind)) {
				throw ValueChecks.wrongType(target, operator, "String, Number or Boolean (all of one kind)", value);
			}
			kind = valueKind;
		}
		return kind == null ? String.class : kind;
	}

	private static ValueBinder jsonBinder(Class<?> kind) {
		if (kind == Number.class) {
			return (ps, i, v) -> ps.setBigDecimal(i, (java.math.BigDecimal) v);
		}
		return kind == Boolean.class ? (ps, i, v) -> ps.setBoolean(i, (Boolean) v) : Bindings.STRING;
	}

	/** {@code column -> key -> ... ->> last} (or {@code -> last} for a jsonb result); keys are bound. */
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

	private Condition json(Target target, Expression document, Predicate predicate) {
		Operator operator = predicate.operator();
		return switch (operator) {
			case CONTAINS -> {
				String json = JsonValues.toJson(target, operator, predicate.values().get(0));
				yield new Comparison(document, Sql.Operator.CONTAINS,
						new Cast(this.bindings.add(json, Bindings.STRING), "jsonb"));
			}
			case HAS_KEY -> {
				Object key = predicate.values().get(0);
				if (!(key instanceof String)) {
					throw ValueChecks.wrongType(target, operator, String.class.getName(), key);
				}
				yield new Sql.Predicate(new FunctionCall("jsonb_exists",
						List.of(document, this.bindings.add(key, Bindings.STRING))));
			}
			case IS_NULL, IS_NOT_NULL -> new Sql.IsNull(document, operator == Operator.IS_NOT_NULL);
			default -> throw ValueChecks.unsupported(target, operator,
					"a @Jsonb property supports contains, hasKey, isNull and isNotNull; compare values inside it "
							+ "with a path such as \"" + target.name().substring(target.name().indexOf('.') + 1)
							+ ".key\"");
		};
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
			case ANY_EQUALS -> new Sql.AnyOf(scalarMarker(target, operator, predicate.values().get(0)),
					target.column(), false);
			case IS_NULL, IS_NOT_NULL -> new Sql.IsNull(target.column(), operator == Operator.IS_NOT_NULL);
			default -> throw ValueChecks.unsupported(target, operator,
					"an array property supports contains, overlaps, anyEquals, isNull and isNotNull");
		};
	}
}
