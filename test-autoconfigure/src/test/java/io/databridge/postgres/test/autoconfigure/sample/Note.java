package io.databridge.postgres.test.autoconfigure.sample;

import java.util.Map;

import io.databridge.postgres.mapping.Jsonb;
import io.databridge.postgres.mapping.Table;

import org.springframework.data.annotation.Id;

@Table("slice_note")
public record Note(@Id Long id, String title, @Jsonb Map<String, Object> meta) {

}
