package io.databridge.postgres.autoconfigure.routing.app;

import io.databridge.postgres.mapping.Table;

import org.springframework.data.annotation.Id;

@Table("reading")
public record Reading(@Id Long id, String label) {

}
