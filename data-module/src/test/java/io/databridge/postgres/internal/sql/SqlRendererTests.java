package io.databridge.postgres.internal.sql;

import java.util.List;

import io.databridge.postgres.internal.sql.Sql.And;
import io.databridge.postgres.internal.sql.Sql.AnyOf;
import io.databridge.postgres.internal.sql.Sql.BindMarker;
import io.databridge.postgres.internal.sql.Sql.Column;
import io.databridge.postgres.internal.sql.Sql.Comparison;
import io.databridge.postgres.internal.sql.Sql.Not;
import io.databridge.postgres.internal.sql.Sql.Operator;
import io.databridge.postgres.internal.sql.Sql.Or;
import io.databridge.postgres.internal.sql.Sql.OrderBy;
import io.databridge.postgres.internal.sql.Sql.Select;
import io.databridge.postgres.internal.sql.Sql.Table;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SqlRendererTests {

	private static final Table USERS = new Table(null, "users");

	private static final Column ID = new Column("id");

	private static final Column NAME = new Column("name");

	private static Comparison eq(Column column, String marker) {
		return new Comparison(column, Operator.EQ, new BindMarker(marker));
	}

	@Test
	void shouldRenderSelectClausesInOrderWithQuotedIdentifiers() {
		Select select = Select.of(List.of(ID, NAME), new Table("app", "users"))
			.where(eq(NAME, "n"))
			.orderBy(List.of(new OrderBy(NAME, true, Sql.NullOrder.LAST), OrderBy.asc(ID)))
			.limitOffset(new BindMarker("limit"), new BindMarker("offset"))
			.distinct(true);
		RenderedSql sql = SqlRenderer.render(select);
		assertThat(sql.sql()).isEqualTo("SELECT DISTINCT \"id\", \"name\" FROM \"app\".\"users\" WHERE \"name\" = ? "
				+ "ORDER BY \"name\" DESC NULLS LAST, \"id\" LIMIT ? OFFSET ?");
		assertThat(sql.parameters()).containsExactly("n", "limit", "offset");
	}

	@Test
	void shouldDoubleQuotesInsideIdentifiers() {
		assertThat(SqlRenderer.render(Select.of(List.of(new Column("na\"me")), new Table(null, "t\"; drop"))).sql())
			.isEqualTo("SELECT \"na\"\"me\" FROM \"t\"\"; drop\"");
	}

	@Test
	void shouldParenthesiseOrInsideAndAndNotOperands() {
		Sql.Condition condition = new And(List.of(new Or(List.of(eq(ID, "a"), eq(ID, "b"))),
				new Not(new And(List.of(eq(NAME, "c"), new Sql.IsNull(NAME, true))))));
		assertThat(SqlRenderer.render(condition).sql())
			.isEqualTo("(\"id\" = ? OR \"id\" = ?) AND NOT (\"name\" = ? AND \"name\" IS NOT NULL)");
	}

	@Test
	void shouldRenderEmptyJunctionsAsConstants() {
		assertThat(SqlRenderer.render(new And(List.of())).sql()).isEqualTo("TRUE");
		assertThat(SqlRenderer.render(new Or(List.of())).sql()).isEqualTo("FALSE");
	}

	@Test
	void shouldBindListsAsOneArray() {
		assertThat(SqlRenderer.render(new AnyOf(ID, new BindMarker("ids"), false)).sql()).isEqualTo("\"id\" = ANY(?)");
		assertThat(SqlRenderer.render(new AnyOf(ID, new BindMarker("ids"), true)).sql()).isEqualTo("\"id\" <> ALL(?)");
	}

	@Test
	void shouldRenderInsertWithOverridingConflictAndReturning() {
		Sql.Insert insert = new Sql.Insert(USERS, List.of(ID, NAME),
				List.of(new BindMarker("c0"), new BindMarker("c1")), true,
				new Sql.OnConflict(List.of(ID), List.of(NAME)), List.of(ID));
		assertThat(SqlRenderer.render(insert).sql())
			.isEqualTo("INSERT INTO \"users\" (\"id\", \"name\") OVERRIDING SYSTEM VALUE VALUES (?, ?) "
					+ "ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\" RETURNING \"id\"");
	}

	@Test
	void shouldRenderUpdateAndDelete() {
		Sql.Update update = new Sql.Update(USERS, List.of(new Sql.Assignment(NAME, new BindMarker("n"))), eq(ID, "id"),
				List.of());
		assertThat(SqlRenderer.render(update).sql()).isEqualTo("UPDATE \"users\" SET \"name\" = ? WHERE \"id\" = ?");
		assertThat(SqlRenderer.render(new Sql.Delete(USERS, eq(ID, "id"), List.of(new Sql.Star()))).sql())
			.isEqualTo("DELETE FROM \"users\" WHERE \"id\" = ? RETURNING *");
	}

	@Test
	void shouldRenderThePageTotalAsAWindowCount() {
		Select select = Select
			.of(List.of(ID, new Sql.WindowFunction(new Sql.FunctionCall("count", List.of(new Sql.Star())))), USERS);
		assertThat(SqlRenderer.render(select).sql()).isEqualTo("SELECT \"id\", count(*) OVER () FROM \"users\"");
	}

	@Test
	void shouldRefuseFunctionNamesAndTypesThatAreNotKeywords() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Sql.FunctionCall("pg_sleep(5); --", List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> new Sql.Cast(ID, "text); drop table users; --"));
	}

}
