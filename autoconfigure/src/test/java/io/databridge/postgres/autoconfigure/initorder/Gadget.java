package io.databridge.postgres.autoconfigure.initorder;

import io.databridge.postgres.mapping.Table;

import org.springframework.data.annotation.Id;

@Table("init_order_gadget")
public record Gadget(@Id Long id, String label) {

}
