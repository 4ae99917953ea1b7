package io.databridge.benchmarks;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code bench_user}, the neutral form every contender converts its own entity
 * from and to. The values are what the benchmark writes and expects to read back;
 * {@code profile} is the jsonb text in PostgreSQL's canonical output form, so a round
 * trip returns the same string.
 *
 * @param id primary key
 * @param name text
 * @param email text
 * @param age int
 * @param active bool
 * @param score float8
 * @param balance numeric(12,2)
 * @param createdAt timestamptz, microsecond precision
 * @param externalId uuid
 * @param profile jsonb, as canonical text
 */
public record BenchRow(long id, String name, String email, int age, boolean active, double score, BigDecimal balance,
		Instant createdAt, UUID externalId, String profile) {
}
