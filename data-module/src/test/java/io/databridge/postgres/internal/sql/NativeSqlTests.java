package io.databridge.postgres.internal.sql;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeSqlTests {

	@Test
	void shouldReplaceNamedAndPositionalParameters() {
		RenderedSql sql = NativeSql.parse("SELECT * FROM t WHERE a = :first AND b = ?2 AND c = :first");
		assertThat(sql.sql()).isEqualTo("SELECT * FROM t WHERE a = ? AND b = ? AND c = ?");
		assertThat(sql.parameters()).containsExactly("first", "2", "first");
	}

	@Test
	void shouldLeaveCastsLiteralsIdentifiersAndCommentsAlone() {
		String text = "SELECT x::int, ':a', \"col:b\", $$ :c ? $$, $tag$ :d $tag$ -- :e ?\n"
				+ "/* :f /* nested :g */ ? */ FROM t WHERE y = :h AND j ?? 'k'";
		RenderedSql sql = NativeSql.parse(text);
		assertThat(sql.parameters()).containsExactly("h");
		assertThat(sql.sql()).isEqualTo(text.replace(":h", "?"));
	}

	@Test
	void shouldKeepEscapedQuotesInsideLiterals() {
		RenderedSql sql = NativeSql.parse("SELECT 'it''s :not' FROM t WHERE a = :yes");
		assertThat(sql.parameters()).containsExactly("yes");
	}

	@Test
	void shouldRejectBareQuestionMark() {
		assertThatThrownBy(() -> NativeSql.parse("SELECT * FROM t WHERE a = ?"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("offset 26");
	}

	@Test
	void shouldWrapForSortPagingAndCount() {
		RenderedSql inner = NativeSql.parse("SELECT * FROM t WHERE a = :a;");
		RenderedSql paged = NativeSql.wrap(inner,
				List.of(new Sql.OrderBy(new Sql.Column("na\"me"), true, Sql.NullOrder.LAST)), true, true);
		assertThat(paged.sql()).isEqualTo(
				"SELECT * FROM (SELECT * FROM t WHERE a = ?) AS q ORDER BY \"na\"\"me\" DESC NULLS LAST LIMIT ? OFFSET ?");
		assertThat(paged.parameters()).containsExactly("a", "limit", "offset");
		assertThat(NativeSql.count(inner).sql()).isEqualTo("SELECT count(*) FROM (SELECT * FROM t WHERE a = ?) AS q");
		assertThat(NativeSql.wrap(inner, List.of(), false, false)).isSameAs(inner);
	}

}
