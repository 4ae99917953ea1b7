package io.databridge.postgres.internal.sql;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The SQL syntax tree: immutable records for tables, expressions, conditions and
 * statements, and nothing else. Identifiers are kept unquoted here and quoted by
 * {@link SqlRenderer}; values never appear in the tree, only {@link BindMarker}s that
 * name the argument bound in their place. Function names, casts and operators come from
 * fixed sets, so no tree can carry text from outside.
 */
public final class Sql {

	private static final Pattern KEYWORD = Pattern.compile("[a-z_][a-z0-9_]*(\\[\\])?( [a-z_][a-z0-9_]*)*");

	private Sql() {
	}

	/** A table, optionally schema-qualified. */
	public record Table(@Nullable String schema, String name) {
		public Table {
			Objects.requireNonNull(name, "name");
		}
	}

	/** Anything that has a value in SQL. */
	public sealed interface Expression
			permits Column, BindMarker, FunctionCall, Cast, BinaryOperation, Star, Literal, WindowFunction {

	}

	/** A column of the statement's table. */
	public record Column(String name) implements Expression {
		public Column {
			Objects.requireNonNull(name, "name");
		}
	}

	/** A {@code ?} whose value is the argument with this name. */
	public record BindMarker(String name) implements Expression {
	}

	/** {@code *}. */
	public record Star() implements Expression {
	}

	/**
	 * A constant that is part of the statement's shape, never a user value: numbers,
	 * booleans, and keywords such as {@code 'english'} regconfig names are bound instead.
	 */
	public record Literal(Number value) implements Expression {
	}

	/** A call of a built-in function; the name must be a lower-case SQL identifier. */
	public record FunctionCall(String name, List<Expression> arguments) implements Expression {
		public FunctionCall {
			requireKeyword(name);
			arguments = List.copyOf(arguments);
		}
	}

	/**
	 * {@code function OVER ()}: an aggregate over the whole result before LIMIT, such as
	 * the total row count of a page ({@code count(*) OVER ()}), which saves the page its
	 * separate count query.
	 */
	public record WindowFunction(FunctionCall function) implements Expression {
	}

	/**
	 * {@code expression::type}, with a type name such as {@code text}, {@code numeric} or
	 * {@code text[]}.
	 */
	public record Cast(Expression expression, String type) implements Expression {
		public Cast {
			requireKeyword(type);
		}
	}

	/**
	 * {@code left op right} for value operators ({@code ->}, {@code ->>}, {@code ||},
	 * {@code +}).
	 */
	public record BinaryOperation(Expression left, ValueOperator operator, Expression right) implements Expression {
	}

	/** Operators that produce a value. */
	public enum ValueOperator {

		/** jsonb field or element, as jsonb. */
		JSON_GET("->"),
		/** jsonb field or element, as text. */
		JSON_GET_TEXT("->>"),
		/** concatenation. */
		CONCAT("||"),
		/** addition. */
		PLUS("+");

		final String symbol;

		ValueOperator(String symbol) {
			this.symbol = symbol;
		}

	}

	/** A boolean condition. */
	public sealed interface Condition
			permits Comparison, IsNull, Between, AnyOf, And, Or, Not, Constant, Predicate, Exists {

	}

	/** {@code left op right}. */
	public record Comparison(Expression left, Operator operator, Expression right) implements Condition {
	}

	/** Comparison operators. */
	public enum Operator {

		EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="), IS_DISTINCT_FROM("IS DISTINCT FROM"),
		IS_NOT_DISTINCT_FROM("IS NOT DISTINCT FROM"), LIKE("LIKE"), NOT_LIKE("NOT LIKE"), ILIKE("ILIKE"),
		NOT_ILIKE("NOT ILIKE"), REGEX("~"), NOT_REGEX("!~"), IREGEX("~*"), NOT_IREGEX("!~*"),
		/** jsonb or array containment. */
		CONTAINS("@>"),
		/** jsonb or array containment, reversed. */
		CONTAINED_BY("<@"),
		/** array overlap. */
		OVERLAPS("&&"),
		/** full-text match. */
		TS_MATCH("@@");

		final String symbol;

		Operator(String symbol) {
			this.symbol = symbol;
		}

	}

	/** {@code expression IS [NOT] NULL}. */
	public record IsNull(Expression expression, boolean negated) implements Condition {
	}

	/** {@code expression [NOT] BETWEEN low AND high}. */
	public record Between(Expression expression, Expression low, Expression high,
			boolean negated) implements Condition {
	}

	/**
	 * {@code expression = ANY(array)} or, negated, {@code expression <> ALL(array)}: one
	 * bound array for any number of values, so every list size shares one prepared
	 * statement.
	 */
	public record AnyOf(Expression expression, Expression array, boolean negated) implements Condition {
	}

	/** Conjunction; an empty list is {@code TRUE}. */
	public record And(List<Condition> conditions) implements Condition {
		public And {
			conditions = List.copyOf(conditions);
		}
	}

	/** Disjunction; an empty list is {@code FALSE}. */
	public record Or(List<Condition> conditions) implements Condition {
		public Or {
			conditions = List.copyOf(conditions);
		}
	}

	/** {@code NOT (condition)}. */
	public record Not(Condition condition) implements Condition {
	}

	/** {@code TRUE} or {@code FALSE}. */
	public record Constant(boolean value) implements Condition {
	}

	/**
	 * A boolean-valued expression used as a condition: a boolean column or a function.
	 */
	public record Predicate(Expression expression) implements Condition {
	}

	/** {@code EXISTS (subquery)}. */
	public record Exists(Select subquery) implements Condition {
	}

	/** One {@code ORDER BY} item. */
	public record OrderBy(Expression expression, boolean descending, NullOrder nulls) {
		/** Sorts {@code expression} ascending. */
		public static OrderBy asc(Expression expression) {
			return new OrderBy(expression, false, NullOrder.DEFAULT);
		}
	}

	/** Placement of nulls in an ordering. */
	public enum NullOrder {

		DEFAULT, FIRST, LAST

	}

	/** A statement that renders to one SQL command. */
	public sealed interface Statement permits Select, Insert, Update, Delete {

	}

	/**
	 * {@code SELECT [DISTINCT] columns FROM table [WHERE] [ORDER BY] [LIMIT] [OFFSET] [FOR UPDATE]};
	 * rendered clause by clause in that order.
	 */
	public record Select(List<Expression> columns, Table from, @Nullable Condition where, List<OrderBy> orderBy,
			boolean distinct, @Nullable Expression limit, @Nullable Expression offset,
			boolean forUpdate) implements Statement {

		public Select {
			columns = List.copyOf(columns);
			orderBy = List.copyOf(orderBy);
		}

		/** {@code SELECT columns FROM table}. */
		public static Select of(List<? extends Expression> columns, Table from) {
			return new Select(List.copyOf(columns), from, null, List.of(), false, null, null, false);
		}

		/** A copy with a WHERE clause. */
		public Select where(@Nullable Condition condition) {
			return new Select(this.columns, this.from, condition, this.orderBy, this.distinct, this.limit, this.offset,
					this.forUpdate);
		}

		/** A copy with an ORDER BY clause. */
		public Select orderBy(List<OrderBy> items) {
			return new Select(this.columns, this.from, this.where, items, this.distinct, this.limit, this.offset,
					this.forUpdate);
		}

		/** A copy with LIMIT and OFFSET (either may be {@code null}). */
		public Select limitOffset(@Nullable Expression newLimit, @Nullable Expression newOffset) {
			return new Select(this.columns, this.from, this.where, this.orderBy, this.distinct, newLimit, newOffset,
					this.forUpdate);
		}

		/** A copy with other columns. */
		public Select columns(List<? extends Expression> newColumns) {
			return new Select(List.copyOf(newColumns), this.from, this.where, this.orderBy, this.distinct, this.limit,
					this.offset, this.forUpdate);
		}

		/** A copy that is DISTINCT or not. */
		public Select distinct(boolean value) {
			return new Select(this.columns, this.from, this.where, this.orderBy, value, this.limit, this.offset,
					this.forUpdate);
		}
	}

	/**
	 * {@code INSERT INTO table (columns) [OVERRIDING SYSTEM VALUE] VALUES (values) | source
	 * [ON CONFLICT (target) DO NOTHING | DO UPDATE SET c = EXCLUDED.c] [RETURNING]}; with
	 * a {@code source} SELECT the rows come from it and {@code values} must be empty.
	 */
	public record Insert(Table into, List<Column> columns, List<Expression> values, boolean overridingSystemValue,
			@Nullable OnConflict onConflict, List<Expression> returning, @Nullable Select source) implements Statement {
		public Insert {
			columns = List.copyOf(columns);
			values = List.copyOf(values);
			returning = List.copyOf(returning);
			if (source != null && !values.isEmpty()) {
				throw new IllegalArgumentException("An INSERT takes VALUES or a SELECT, not both");
			}
		}

		/** An INSERT of VALUES. */
		public Insert(Table into, List<Column> columns, List<Expression> values, boolean overridingSystemValue,
				@Nullable OnConflict onConflict, List<Expression> returning) {
			this(into, columns, values, overridingSystemValue, onConflict, returning, null);
		}
	}

	/**
	 * The ON CONFLICT clause of an INSERT: update the given columns from EXCLUDED, or do
	 * nothing when empty. The arbiter is the {@code target} columns or, when
	 * {@code constraint} is set, that named constraint; with neither,
	 * {@code ON CONFLICT DO NOTHING} skips a conflict with any unique constraint (valid
	 * only with no update).
	 */
	public record OnConflict(List<Column> target, List<Column> update, @Nullable String constraint) {
		public OnConflict {
			target = List.copyOf(target);
			update = List.copyOf(update);
		}

		/** An ON CONFLICT on target columns. */
		public OnConflict(List<Column> target, List<Column> update) {
			this(target, update, null);
		}
	}

	/**
	 * A command that is not a query or DML statement: bulk loading and its staging
	 * tables.
	 */
	public sealed interface Command permits CopyFrom, CreateStagingTable, DropTable, PreparedTransaction,
			CreateLedgerTable, Show, SelectValues, ReplicaStatus {

	}

	/** {@code COPY table (columns) FROM STDIN (FORMAT binary)}. */
	public record CopyFrom(Table table, List<Column> columns) implements Command {
		public CopyFrom {
			columns = List.copyOf(columns);
		}
	}

	/**
	 * {@code CREATE TEMPORARY TABLE t ON COMMIT DROP AS SELECT columns [, NULL::int8 AS ordinal] FROM source WITH NO
	 * DATA}, or {@code CREATE UNLOGGED TABLE ...} when not temporary: an empty table with
	 * the source's column types and no constraints, plus an optional {@code int8} column.
	 */
	public record CreateStagingTable(Table table, boolean temporary, Table source, List<Column> columns,
			@Nullable Column ordinal) implements Command {
		public CreateStagingTable {
			columns = List.copyOf(columns);
		}
	}

	/** {@code DROP TABLE IF EXISTS table}. */
	public record DropTable(Table table) implements Command {
	}

	/**
	 * A two-phase-commit command for a global transaction id:
	 * {@code PREPARE TRANSACTION 'gid'}, {@code COMMIT PREPARED 'gid'} or
	 * {@code ROLLBACK PREPARED 'gid'}. The server takes the id only as a literal, so it
	 * is restricted to 1 to 200 ASCII letters, digits and underscores.
	 */
	public record PreparedTransaction(Action action, String gid) implements Command {

		public PreparedTransaction {
			if (!gid.matches("[A-Za-z0-9_]{1,200}")) {
				throw new IllegalArgumentException("Not a valid transaction id: " + gid);
			}
		}

		/** What to do with the transaction. */
		public enum Action {

			/**
			 * {@code PREPARE TRANSACTION}: ends the session's transaction, keeping it
			 * prepared.
			 */
			PREPARE,
			/** {@code COMMIT PREPARED}. */
			COMMIT,
			/** {@code ROLLBACK PREPARED}. */
			ROLLBACK

		}
	}

	/**
	 * {@code CREATE TABLE IF NOT EXISTS table (key text PRIMARY KEY, committed boolean NOT NULL, decidedAt timestamptz
	 * NOT NULL DEFAULT now())}: the decision ledger of two-phase bulk inserts.
	 */
	public record CreateLedgerTable(Table table, Column key, Column committed, Column decidedAt) implements Command {
	}

	/**
	 * {@code SHOW parameter}: the value of a server setting; the name must be a
	 * lower-case SQL identifier.
	 */
	public record Show(String parameter) implements Command {
		public Show {
			requireKeyword(parameter);
		}
	}

	/**
	 * {@code SELECT value, ...} without a FROM clause: one row of expressions, such as
	 * function calls ({@code SELECT pg_try_advisory_lock(?, ?)}).
	 */
	public record SelectValues(List<Expression> values) implements Command {
		public SelectValues {
			values = List.copyOf(values);
			if (values.isEmpty()) {
				throw new IllegalArgumentException("SelectValues needs at least one value");
			}
		}
	}

	/**
	 * The read-replica probe: one row of {@code pg_is_in_recovery()} and the replay lag
	 * in milliseconds ({@code NULL} on a primary, 0 when everything received is replayed,
	 * else the age of the last replayed transaction).
	 */
	public record ReplicaStatus() implements Command {
	}

	/** {@code UPDATE table SET assignments [WHERE] [RETURNING]}. */
	public record Update(Table table, List<Assignment> assignments, @Nullable Condition where,
			List<Expression> returning) implements Statement {
		public Update {
			assignments = List.copyOf(assignments);
			returning = List.copyOf(returning);
		}
	}

	/** {@code column = value} in an UPDATE. */
	public record Assignment(Column column, Expression value) {
	}

	/** {@code DELETE FROM table [WHERE] [RETURNING]}. */
	public record Delete(Table from, @Nullable Condition where, List<Expression> returning) implements Statement {
		public Delete {
			returning = List.copyOf(returning);
		}
	}

	static void requireKeyword(String name) {
		if (!KEYWORD.matcher(name).matches()) {
			throw new IllegalArgumentException("Not an SQL keyword or type name: " + name);
		}
	}

}
