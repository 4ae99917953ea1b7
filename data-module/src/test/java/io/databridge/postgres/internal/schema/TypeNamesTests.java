package io.databridge.postgres.internal.schema;

import io.databridge.postgres.internal.sql.Ddl.TypeName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TypeNamesTests {

	@Test
	void shouldSpellCodecTypesAsFormatTypeDoes() {
		assertThat(TypeNames.ofCodec("int8")).isEqualTo(TypeName.builtIn("bigint"));
		assertThat(TypeNames.ofCodec("float8")).isEqualTo(TypeName.builtIn("double precision"));
		assertThat(TypeNames.ofCodec("timestamptz")).isEqualTo(TypeName.builtIn("timestamp with time zone"));
		assertThat(TypeNames.ofCodec("_text")).isEqualTo(TypeName.builtIn("text").array());
	}

	@Test
	void shouldCanonicalizeUserSpelledTypes() {
		assertThat(TypeNames.parse("VARCHAR(320)")).isEqualTo(TypeName.builtIn("character varying(320)"));
		assertThat(TypeNames.parse("numeric(12, 2)")).isEqualTo(TypeName.builtIn("numeric(12,2)"));
		assertThat(TypeNames.parse("timestamptz(3)")).isEqualTo(TypeName.builtIn("timestamp(3) with time zone"));
		assertThat(TypeNames.parse("char")).isEqualTo(TypeName.builtIn("character(1)"));
		assertThat(TypeNames.parse("int[]")).isEqualTo(TypeName.builtIn("integer").array());
		assertThat(TypeNames.parse("double precision")).isEqualTo(TypeName.builtIn("double precision"));
		assertThat(TypeNames.parse("Mood")).isEqualTo(TypeName.user(null, "Mood"));
	}

	@Test
	void shouldRejectWhatIsNoTypeName() {
		assertThatIllegalArgumentException().isThrownBy(() -> TypeNames.parse("text; drop table x"))
			.withMessageContaining("text; drop table x");
		assertThatIllegalArgumentException().isThrownBy(() -> TypeNames.parse("geometry(4326)"))
			.withMessageContaining("geometry(4326)");
	}

	@Test
	void shouldSplitBaseAndModifiers() {
		assertThat(TypeNames.base(TypeName.builtIn("timestamp(3) with time zone")))
			.isEqualTo("timestamp with time zone");
		assertThat(TypeNames.modifiers(TypeName.builtIn("numeric(12,2)"))).containsExactly(12, 2);
		assertThat(TypeNames.modifiers(TypeName.builtIn("text"))).isEmpty();
	}

}
