package io.databridge.postgres.internal.convert;

import java.util.List;
import java.util.Map;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.mapping.Jsonb;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.query.Criteria;
import io.databridge.postgres.query.Query;
import io.databridge.postgres.query.Update;
import io.databridge.postgres.repository.Modifying;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.test.TestDatabase;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.data.repository.query.Param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Text that PostgreSQL cannot take as it is given (a NUL character, a lone UTF-16
 * surrogate) fails as an {@link IllegalArgumentException} naming the parameter when it is
 * a query's value, as it does for entity columns: derived and {@code @Query} arguments,
 * Criteria and Update values, {@code PgTemplate.query} arguments. Never the server's
 * SQLSTATE 22021, never a silent {@code ?}, and nothing is sent.
 */
class QueryParameterTextIntegrationTests {

	private static final List<String> BAD = List.of("a\u0000b", "a\uD800b", "a\uDC00", "\uD83D");

	static PgTemplate template;

	static Notes notes;

	@Table("qp_note")
	record Note(@Id Long id, String text, @Jsonb Map<String, Object> doc) {
	}

	interface Notes extends PgRepository<Note, Long> {

		List<Note> findByText(String text);

		List<Note> findByTextStartingWith(String prefix);

		List<Note> findByTextIn(List<String> texts);

		@io.databridge.postgres.repository.Query("SELECT * FROM qp_note WHERE text = :text")
		List<Note> withText(@Param("text") String text);

		@Modifying
		@io.databridge.postgres.repository.Query("UPDATE qp_note SET text = :text WHERE id = :id")
		int rename(@Param("id") long id, @Param("text") String text);

	}

	@BeforeAll
	static void schema() {
		TestDatabase db = TestDatabase.shared();
		db.execute("CREATE TABLE qp_note (id bigint PRIMARY KEY, text text NOT NULL, doc jsonb)");
		template = new PgTemplate(db.dataSource());
		notes = new PgRepositoryFactory(template).getRepository(Notes.class);
	}

	@BeforeEach
	void rows() {
		template.deleteAll(Note.class);
		template.insert(new Note(1L, "ok", Map.of("k", "v")));
	}

	@Test
	void derivedAndDeclaredQueryArgumentsNameTheMethodAndParameter() {
		for (String bad : BAD) {
			assertRefused(() -> notes.findByText(bad), "Notes.findByText", "parameter 'text' (index 0)");
			assertRefused(() -> notes.findByTextStartingWith(bad), "Notes.findByTextStartingWith",
					"parameter 'prefix'");
			assertRefused(() -> notes.findByTextIn(List.of("ok", bad)), "Notes.findByTextIn",
					"parameter 'texts' (index 0): element 1");
			assertRefused(() -> notes.withText(bad), "Notes.withText", "parameter 'text'");
			assertRefused(() -> notes.rename(1L, bad), "Notes.rename", "parameter 'text' (index 1)");
		}
		assertThat(notes.findByText("ok")).hasSize(1);
		assertThat(template.findById(1L, Note.class)).get().extracting(Note::text).isEqualTo("ok");
	}

	@Test
	void criteriaAndUpdateValuesNameTheOperatorAndProperty() {
		for (String bad : BAD) {
			assertRefused(() -> template.findAll(Query.query(Criteria.where("text").is(bad)), Note.class),
					"is(...) on property 'Note.text'");
			assertRefused(() -> template.count(Criteria.where("text").in(List.of("ok", bad)), Note.class),
					"in(...) on property 'Note.text'");
			assertRefused(() -> template.exists(Criteria.where("text").startsWith(bad), Note.class),
					"startsWith(...) on property 'Note.text'");
			assertRefused(() -> template.findAll(Query.query(Criteria.where("doc.k").is(bad)), Note.class),
					"on property 'Note.doc.k'");
			assertRefused(
					() -> template.findAll(Query.query(Criteria.where("doc").contains(Map.of("k", bad))), Note.class),
					"contains(...) on property 'Note.doc'");
			assertRefused(() -> template.update(Criteria.where("id").is(1L), Update.update("text", bad), Note.class),
					"set(...) of property 'Note.text'");
			assertRefused(() -> template.delete(Criteria.where("text").is(bad), Note.class),
					"is(...) on property 'Note.text'");
		}
		assertThat(template.findAll(Note.class)).singleElement()
			.satisfies((note) -> assertThat(note.text()).isEqualTo("ok"));
	}

	@Test
	void nativeQueryArgumentsNameTheArgument() {
		for (String bad : BAD) {
			assertRefused(() -> template.query("SELECT * FROM qp_note WHERE text = ? AND id = ?", Note.class, bad, 1L),
					"PgTemplate.query", "args[0]");
			assertRefused(() -> template.query("SELECT * FROM qp_note WHERE id = ? AND text = ANY(?)", Note.class, 1L,
					new String[] { "ok", bad }), "args[1]: element 1");
		}
		assertThat(template.query("SELECT * FROM qp_note WHERE text = ?", Note.class, "ok")).hasSize(1);
	}

	private static void assertRefused(ThrowingCallable call, String... named) {
		assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContainingAll(named)
			.message()
			.containsAnyOf("NUL", "surrogate");
	}

}
