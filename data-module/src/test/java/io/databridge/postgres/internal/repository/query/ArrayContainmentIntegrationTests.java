package io.databridge.postgres.internal.repository.query;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.test.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Containing / NotContaining on an array column test element containment ({@code ? = ANY(tags)}). */
class ArrayContainmentIntegrationTests {

	static Repo repo;

	@Table("ac_doc")
	record Doc(@Id Long id, String title, String[] tags) {
	}

	interface Repo extends PgRepository<Doc, Long> {

		List<Doc> findByTagsContainingOrderById(String tag);

		List<Doc> findByTagsNotContainingOrderById(String tag);
	}

	/** {@code text[]} as {@code String[]}; the built-in codecs do not map arrays. */
	static final class TextArrayCodec implements ValueCodec {

		@Override
		public Class<?> javaType() {
			return String[].class;
		}

		@Override
		public String pgType() {
			return "_text";
		}

		@Override
		public @Nullable Object read(ResultSet rs, int column) throws SQLException {
			Array array = rs.getArray(column);
			return array == null ? null : (String[]) array.getArray();
		}

		@Override
		public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
			if (value == null) {
				ps.setNull(index, Types.ARRAY);
			}
			else {
				ps.setArray(index, ps.getConnection().createArrayOf("text", (String[]) value));
			}
		}

		@Override
		public void writeBinary(io.databridge.postgres.internal.convert.BinaryOutput out, Object value) {
			String[] array = (String[]) value;
			out.writeInt(1);
			out.writeInt(java.util.Arrays.asList(array).contains(null) ? 1 : 0);
			out.writeInt(25);
			out.writeInt(array.length);
			out.writeInt(1);
			for (String element : array) {
				if (element == null) {
					out.writeNull();
				}
				else {
					int mark = out.beginField();
					out.writeUtf8(element);
					out.endField(mark);
				}
			}
		}
	}

	@BeforeAll
	static void schema() {
		TestDatabase db = TestDatabase.shared();
		db.execute("""
				CREATE TABLE ac_doc (id bigint PRIMARY KEY, title text, tags text[]);
				INSERT INTO ac_doc VALUES (1, 'a', '{db,sql}'), (2, 'b', '{db}'), (3, 'c', '{}'), (4, 'd', NULL),
				  (5, 'e', '{"d%"}');
				""");
		ValueCodecs codecs = new ValueCodecs();
		codecs.register(new TextArrayCodec());
		PgTemplate template = new PgTemplate(new JdbcTemplate(db.dataSource()), new PgMappingContext(), codecs);
		repo = new PgRepositoryFactory(template).getRepository(Repo.class);
	}

	@Test
	void containingTestsElementMembership() {
		assertThat(repo.findByTagsContainingOrderById("db")).extracting(Doc::id).containsExactly(1L, 2L);
		assertThat(repo.findByTagsContainingOrderById("sql")).extracting(Doc::id).containsExactly(1L);
		assertThat(repo.findByTagsContainingOrderById("d")).isEmpty();
		assertThat(repo.findByTagsContainingOrderById("d%")).extracting(Doc::id).containsExactly(5L);
	}

	@Test
	void notContainingExcludesArraysWithTheElement() {
		assertThat(repo.findByTagsNotContainingOrderById("sql")).extracting(Doc::id).containsExactly(2L, 3L, 5L);
		assertThat(repo.findByTagsNotContainingOrderById("nothing")).extracting(Doc::id).containsExactly(1L, 2L, 3L, 5L);
	}
}
