package io.databridge.postgres.autoconfigure.app;

import java.time.Instant;
import java.util.UUID;

import io.databridge.postgres.mapping.Table;

import org.springframework.data.annotation.Id;

@Table("ac_customer")
public record Customer(@Id Long id, String name, String email, int age, boolean active, Instant createdAt,
		UUID externalId) {

	public static Customer of(String name, int age) {
		return new Customer(null, name, name.toLowerCase() + "@example.com", age, true, null, null);
	}

	public Customer withAge(int newAge) {
		return new Customer(this.id, this.name, this.email, newAge, this.active, this.createdAt, this.externalId);
	}
}
