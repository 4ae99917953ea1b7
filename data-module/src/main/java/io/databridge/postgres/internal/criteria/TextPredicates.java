package io.databridge.postgres.internal.criteria;

import java.util.ArrayList;
import java.util.List;

import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.Sql.Cast;
import io.databridge.postgres.internal.sql.Sql.Comparison;
import io.databridge.postgres.internal.sql.Sql.Condition;
import io.databridge.postgres.internal.sql.Sql.Expression;
import io.databridge.postgres.internal.sql.Sql.FunctionCall;
import io.databridge.postgres.query.CriteriaNode.Predicate;
import io.databridge.postgres.query.Operator;

/**
 * Text operators on any expression of type {@code text} (a column or a value inside a
 * JSON document): LIKE patterns as given, literal text escaped for LIKE, POSIX regular
 * expressions, and full-text search with the configuration bound as {@code ?::regconfig}.
 * Ignoring case turns LIKE into ILIKE and {@code ~} into {@code ~*}.
 */
final class TextPredicates {

	private final Bindings bindings;

	TextPredicates(Bindings bindings) {
		this.bindings = bindings;
	}

	/** The text operators on an expression of type text. */
	Condition translate(Target target, Predicate predicate, Expression text) {
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

	/**
	 * Escapes {@code \}, {@code %} and {@code _} with PostgreSQL's default LIKE escape,
	 * the backslash.
	 */
	static String escape(String literal) {
		return literal.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	static Expression lower(Expression expression) {
		return new FunctionCall("lower", List.of(expression));
	}

}
