package io.databridge.postgres.internal.sql;

import java.util.ArrayList;
import java.util.List;

import io.databridge.postgres.internal.sql.Sql.And;
import io.databridge.postgres.internal.sql.Sql.AnyOf;
import io.databridge.postgres.internal.sql.Sql.Assignment;
import io.databridge.postgres.internal.sql.Sql.Between;
import io.databridge.postgres.internal.sql.Sql.BinaryOperation;
import io.databridge.postgres.internal.sql.Sql.BindMarker;
import io.databridge.postgres.internal.sql.Sql.Cast;
import io.databridge.postgres.internal.sql.Sql.Column;
import io.databridge.postgres.internal.sql.Sql.Comparison;
import io.databridge.postgres.internal.sql.Sql.Condition;
import io.databridge.postgres.internal.sql.Sql.Constant;
import io.databridge.postgres.internal.sql.Sql.Delete;
import io.databridge.postgres.internal.sql.Sql.Exists;
import io.databridge.postgres.internal.sql.Sql.Expression;
import io.databridge.postgres.internal.sql.Sql.FunctionCall;
import io.databridge.postgres.internal.sql.Sql.Insert;
import io.databridge.postgres.internal.sql.Sql.IsNull;
import io.databridge.postgres.internal.sql.Sql.Literal;
import io.databridge.postgres.internal.sql.Sql.Not;
import io.databridge.postgres.internal.sql.Sql.Or;
import io.databridge.postgres.internal.sql.Sql.OrderBy;
import io.databridge.postgres.internal.sql.Sql.Predicate;
import io.databridge.postgres.internal.sql.Sql.Select;
import io.databridge.postgres.internal.sql.Sql.Star;
import io.databridge.postgres.internal.sql.Sql.Statement;
import io.databridge.postgres.internal.sql.Sql.Table;
import io.databridge.postgres.internal.sql.Sql.Update;

/**
 * The one place that writes SQL text. Identifiers are always double-quoted (an embedded
 * {@code "} doubled); values only ever appear as {@code ?}, each recorded with the name
 * of its argument. Conditions are parenthesised where precedence requires it: an OR
 * inside an AND, and any operand of NOT. Stateless and thread-safe; call it once per
 * statement shape and keep the result.
 */
public final class SqlRenderer {

	private SqlRenderer() {
	}

	/**
	 * Renders a statement.
	 * @param statement the tree
	 * @return the text and the argument names of its placeholders, in order
	 */
	public static RenderedSql render(Statement statement) {
		Writer writer = new Writer();
		switch (statement) {
			case Select select -> writer.select(select);
			case Insert insert -> writer.insert(insert);
			case Update update -> writer.update(update);
			case Delete delete -> writer.delete(delete);
		}
		return new RenderedSql(writer.sql.toString(), writer.parameters);
	}

	/**
	 * Renders a command (COPY, staging tables); it has no parameters.
	 * @param command the tree
	 * @return the text
	 */
	public static String render(Sql.Command command) {
		Writer writer = new Writer();
		writer.command(command);
		return writer.sql.toString();
	}

	/**
	 * Renders one condition on its own, for {@code toString()} of criteria.
	 */
	public static RenderedSql render(Condition condition) {
		Writer writer = new Writer();
		writer.condition(condition, false);
		return new RenderedSql(writer.sql.toString(), writer.parameters);
	}

	/**
	 * Renders a DDL statement of a schema migration; it has no parameters.
	 * @param statement the tree
	 * @return the text, without a terminating semicolon
	 */
	public static String render(Ddl.Statement statement) {
		return DdlWriter.render(statement);
	}

	/** The SQL text of a column type: user types quoted, arrays with {@code []}. */
	static String typeName(Ddl.TypeName type) {
		return DdlWriter.type(type);
	}

	/** Quotes an identifier: {@code na"me} becomes {@code "na""me"}. */
	public static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	private static final class Writer {

		final StringBuilder sql = new StringBuilder(128);

		final List<String> parameters = new ArrayList<>();

		void select(Select select) {
			this.sql.append("SELECT ");
			if (select.distinct()) {
				this.sql.append("DISTINCT ");
			}
			list(select.columns());
			this.sql.append(" FROM ");
			table(select.from());
			where(select.where());
			if (!select.orderBy().isEmpty()) {
				this.sql.append(" ORDER BY ");
				for (int i = 0; i < select.orderBy().size(); i++) {
					if (i > 0) {
						this.sql.append(", ");
					}
					orderBy(select.orderBy().get(i));
				}
			}
			if (select.limit() != null) {
				this.sql.append(" LIMIT ");
				expression(select.limit());
			}
			if (select.offset() != null) {
				this.sql.append(" OFFSET ");
				expression(select.offset());
			}
			if (select.forUpdate()) {
				this.sql.append(" FOR UPDATE");
			}
		}

		void insert(Insert insert) {
			this.sql.append("INSERT INTO ");
			table(insert.into());
			this.sql.append(" (");
			list(insert.columns());
			this.sql.append(')');
			if (insert.overridingSystemValue()) {
				this.sql.append(" OVERRIDING SYSTEM VALUE");
			}
			if (insert.columns().isEmpty()) {
				this.sql.setLength(this.sql.length() - 3);
				this.sql.append(" DEFAULT VALUES");
			}
			else if (insert.source() != null) {
				this.sql.append(' ');
				select(insert.source());
			}
			else {
				this.sql.append(" VALUES (");
				list(insert.values());
				this.sql.append(')');
			}
			if (insert.onConflict() != null) {
				if (insert.onConflict().constraint() != null) {
					this.sql.append(" ON CONFLICT ON CONSTRAINT ").append(quote(insert.onConflict().constraint()));
				}
				else if (insert.onConflict().target().isEmpty()) {
					this.sql.append(" ON CONFLICT");
				}
				else {
					this.sql.append(" ON CONFLICT (");
					list(insert.onConflict().target());
					this.sql.append(')');
				}
				if (insert.onConflict().update().isEmpty()) {
					this.sql.append(" DO NOTHING");
				}
				else {
					this.sql.append(" DO UPDATE SET ");
					List<Column> update = insert.onConflict().update();
					for (int i = 0; i < update.size(); i++) {
						if (i > 0) {
							this.sql.append(", ");
						}
						String column = quote(update.get(i).name());
						this.sql.append(column).append(" = EXCLUDED.").append(column);
					}
				}
			}
			returning(insert.returning());
		}

		void command(Sql.Command command) {
			switch (command) {
				case Sql.CopyFrom copy -> {
					this.sql.append("COPY ");
					table(copy.table());
					this.sql.append(" (");
					list(copy.columns());
					this.sql.append(") FROM STDIN (FORMAT binary)");
				}
				case Sql.CreateStagingTable create -> {
					this.sql.append(create.temporary() ? "CREATE TEMPORARY TABLE " : "CREATE UNLOGGED TABLE ");
					table(create.table());
					if (create.temporary()) {
						this.sql.append(" ON COMMIT DROP");
					}
					this.sql.append(" AS SELECT ");
					list(create.columns());
					if (create.ordinal() != null) {
						this.sql.append(create.columns().isEmpty() ? "" : ", ").append("NULL::int8 AS ");
						expression(create.ordinal());
					}
					this.sql.append(" FROM ");
					table(create.source());
					this.sql.append(" WITH NO DATA");
				}
				case Sql.DropTable drop -> {
					this.sql.append("DROP TABLE IF EXISTS ");
					table(drop.table());
				}
				case Sql.PreparedTransaction prepared -> this.sql.append(switch (prepared.action()) {
					case PREPARE -> "PREPARE TRANSACTION '";
					case COMMIT -> "COMMIT PREPARED '";
					case ROLLBACK -> "ROLLBACK PREPARED '";
				}).append(prepared.gid()).append('\'');
				case Sql.Show show -> this.sql.append("SHOW ").append(show.parameter());
				case Sql.SelectValues select -> {
					this.sql.append("SELECT ");
					list(select.values());
				}
				case Sql.ReplicaStatus status -> this.sql.append("SELECT pg_is_in_recovery(), CASE")
					.append(" WHEN NOT pg_is_in_recovery() THEN NULL")
					.append(" WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0")
					.append(" ELSE COALESCE((extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000)::int8, 0)")
					.append(" END");
				case Sql.CreateLedgerTable ledger -> {
					this.sql.append("CREATE TABLE IF NOT EXISTS ");
					table(ledger.table());
					this.sql.append(" (")
						.append(quote(ledger.key().name()))
						.append(" text PRIMARY KEY, ")
						.append(quote(ledger.committed().name()))
						.append(" boolean NOT NULL, ")
						.append(quote(ledger.decidedAt().name()))
						.append(" timestamptz NOT NULL DEFAULT now())");
				}
			}
		}

		void update(Update update) {
			this.sql.append("UPDATE ");
			table(update.table());
			this.sql.append(" SET ");
			for (int i = 0; i < update.assignments().size(); i++) {
				if (i > 0) {
					this.sql.append(", ");
				}
				Assignment assignment = update.assignments().get(i);
				expression(assignment.column());
				this.sql.append(" = ");
				expression(assignment.value());
			}
			where(update.where());
			returning(update.returning());
		}

		void delete(Delete delete) {
			this.sql.append("DELETE FROM ");
			table(delete.from());
			where(delete.where());
			returning(delete.returning());
		}

		void table(Table table) {
			if (table.schema() != null) {
				this.sql.append(quote(table.schema())).append('.');
			}
			this.sql.append(quote(table.name()));
		}

		void where(Sql.@org.jspecify.annotations.Nullable Condition where) {
			if (where != null) {
				this.sql.append(" WHERE ");
				condition(where, false);
			}
		}

		void returning(List<Expression> returning) {
			if (!returning.isEmpty()) {
				this.sql.append(" RETURNING ");
				list(returning);
			}
		}

		void orderBy(OrderBy item) {
			expression(item.expression());
			if (item.descending()) {
				this.sql.append(" DESC");
			}
			switch (item.nulls()) {
				case FIRST -> this.sql.append(" NULLS FIRST");
				case LAST -> this.sql.append(" NULLS LAST");
				case DEFAULT -> {
				}
			}
		}

		void list(List<? extends Expression> expressions) {
			for (int i = 0; i < expressions.size(); i++) {
				if (i > 0) {
					this.sql.append(", ");
				}
				expression(expressions.get(i));
			}
		}

		void expression(Expression expression) {
			switch (expression) {
				case Column column -> this.sql.append(quote(column.name()));
				case BindMarker marker -> {
					this.sql.append('?');
					this.parameters.add(marker.name());
				}
				case Star star -> this.sql.append('*');
				case Literal literal -> this.sql.append(literal.value());
				case Sql.WindowFunction window -> {
					expression(window.function());
					this.sql.append(" OVER ()");
				}
				case FunctionCall call -> {
					this.sql.append(call.name()).append('(');
					list(call.arguments());
					this.sql.append(')');
				}
				case Cast cast -> {
					this.sql.append('(');
					expression(cast.expression());
					this.sql.append(")::").append(cast.type());
				}
				case BinaryOperation operation -> {
					this.sql.append('(');
					expression(operation.left());
					this.sql.append(' ').append(operation.operator().symbol).append(' ');
					expression(operation.right());
					this.sql.append(')');
				}
			}
		}

		void condition(Condition condition, boolean nested) {
			switch (condition) {
				case Comparison comparison -> {
					expression(comparison.left());
					this.sql.append(' ').append(comparison.operator().symbol).append(' ');
					expression(comparison.right());
				}
				case IsNull isNull -> {
					expression(isNull.expression());
					this.sql.append(isNull.negated() ? " IS NOT NULL" : " IS NULL");
				}
				case Between between -> {
					expression(between.expression());
					this.sql.append(between.negated() ? " NOT BETWEEN " : " BETWEEN ");
					expression(between.low());
					this.sql.append(" AND ");
					expression(between.high());
				}
				case AnyOf anyOf -> {
					expression(anyOf.expression());
					this.sql.append(anyOf.negated() ? " <> ALL(" : " = ANY(");
					expression(anyOf.array());
					this.sql.append(')');
				}
				case And and -> junction(and.conditions(), " AND ", "TRUE", nested);
				case Or or -> junction(or.conditions(), " OR ", "FALSE", nested);
				case Not not -> {
					this.sql.append("NOT (");
					condition(not.condition(), false);
					this.sql.append(')');
				}
				case Constant constant -> this.sql.append(constant.value() ? "TRUE" : "FALSE");
				case Predicate predicate -> expression(predicate.expression());
				case Exists exists -> {
					this.sql.append("EXISTS (");
					select(exists.subquery());
					this.sql.append(')');
				}
			}
		}

		void junction(List<Condition> parts, String separator, String empty, boolean nested) {
			if (parts.isEmpty()) {
				this.sql.append(empty);
				return;
			}
			if (parts.size() == 1) {
				condition(parts.get(0), nested);
				return;
			}
			if (nested) {
				this.sql.append('(');
			}
			for (int i = 0; i < parts.size(); i++) {
				if (i > 0) {
					this.sql.append(separator);
				}
				condition(parts.get(i), true);
			}
			if (nested) {
				this.sql.append(')');
			}
		}

	}

}
