package io.databridge.benchmarks.contenders.databridge;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.databridge.postgres.mapping.Jsonb;
import io.databridge.postgres.mapping.Table;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Persistable;

/**
 * data-bridge's entity for {@code bench_user}: a record. It is always
 * {@linkplain #isNew() new}, so {@code saveAll} inserts (the benchmark only inserts into
 * an empty table) instead of upserting. {@code profile} is the jsonb document as a
 * {@code @Jsonb String}, as every contender holds it: bound as jsonb text, written in
 * jsonb's binary format by COPY.
 *
 * @param id primary key
 * @param name name
 * @param email email
 * @param age age
 * @param active active
 * @param score score
 * @param balance balance
 * @param createdAt creation time
 * @param externalId external id
 * @param profile jsonb text
 */
@Table("bench_user")
public record DbUser(@Id Long id, String name, String email, int age, boolean active, double score, BigDecimal balance,
		Instant createdAt, UUID externalId, @Jsonb String profile) implements Persistable<Long> {

	@Override
	public Long getId() {
		return this.id;
	}

	@Override
	public boolean isNew() {
		return true;
	}
}
