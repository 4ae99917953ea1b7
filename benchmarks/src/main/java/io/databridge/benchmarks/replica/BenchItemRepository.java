package io.databridge.benchmarks.replica;

import io.databridge.postgres.repository.PgRepository;

/** The repository whose {@code findById} the benchmark calls. */
public interface BenchItemRepository extends PgRepository<BenchItem, Long> {

}
