package io.databridge.benchmarks.replica;

import io.databridge.postgres.mapping.Table;

import org.springframework.data.annotation.Id;

/** A row of the benchmark table. */
@Table("bench_item")
public record BenchItem(@Id Long id, String name, int score) {

}
