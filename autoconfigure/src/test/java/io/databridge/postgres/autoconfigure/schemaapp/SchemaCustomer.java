package io.databridge.postgres.autoconfigure.schemaapp;

import io.databridge.postgres.mapping.ColumnDefinition;
import io.databridge.postgres.mapping.Table;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;

/**
 * An entity whose table Flyway creates in the schema validation tests.
 *
 * @param id the generated id
 * @param email the unique address
 * @param visits a counter
 * @param nickname an optional name
 */
@Table("sc_customer")
public record SchemaCustomer(@Id @Nullable Long id, @ColumnDefinition(unique = true) String email, long visits,
		@Nullable String nickname) {
}
