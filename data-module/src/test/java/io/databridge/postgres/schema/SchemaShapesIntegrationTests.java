package io.databridge.postgres.schema;

import java.util.List;

import io.databridge.postgres.schema.EntityShapes.EntityShape;
import io.databridge.postgres.schema.EntityShapes.IdType;
import io.databridge.postgres.schema.EntityShapes.JavaType;
import io.databridge.postgres.schema.EntityShapes.PropertyShape;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over random entity shapes (every supported Java type, nullability, arrays, text and
 * PostgreSQL enums, unique and indexed columns, owned collections with and without child
 * ids, {@code Ref}s): from an empty schema, the generated migration applies and leaves an
 * empty diff. The seed is fixed, so every run checks the same 200 shapes.
 */
class SchemaShapesIntegrationTests {

	@Property(tries = 200, seed = "20261203", shrinking = ShrinkingMode.BOUNDED)
	void theGeneratedMigrationCreatesEveryShapeFromNothing(@ForAll("shapes") EntityShape shape) {
		SchemaFixture fixture = new SchemaFixture("shape");
		try {
			PgSchema schema = fixture.schema(EntityShapes.define(shape).toArray(Class<?>[]::new));
			assertThat(schema.diff().changes()).extracting(SchemaChange::kind)
				.contains(SchemaChange.Kind.MISSING_TABLE);
			String sql = schema.toMigrationSql();
			fixture.execute(sql);
			assertThat(schema.diff().changes()).as("diff after applying\n%s", sql).isEmpty();
		}
		finally {
			fixture.drop();
		}
	}

	@Provide
	Arbitrary<EntityShape> shapes() {
		Arbitrary<Boolean> rarely = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(6, false));
		Arbitrary<PropertyShape> property = Combinators
			.combine(Arbitraries.of(JavaType.class), Arbitraries.of(true, false), rarely, rarely)
			.as(PropertyShape::new);
		Arbitrary<List<PropertyShape>> properties = property.list().ofMinSize(0).ofMaxSize(10);
		Arbitrary<List<PropertyShape>> children = property.list().ofMinSize(1).ofMaxSize(4).injectNull(0.5);
		Arbitrary<List<String>> labels = Arbitraries.strings()
			.withCharRange('A', 'Z')
			.ofMinLength(1)
			.ofMaxLength(6)
			.list()
			.uniqueElements()
			.ofMinSize(1)
			.ofMaxSize(5);
		return Combinators
			.combine(Arbitraries.of(IdType.class), properties, children, Arbitraries.of(true, false),
					Arbitraries.of(true, false), labels)
			.as(EntityShape::new);
	}

}
