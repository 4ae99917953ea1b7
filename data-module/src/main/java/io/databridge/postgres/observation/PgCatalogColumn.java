package io.databridge.postgres.observation;

/**
 * How one property of an entity is stored.
 *
 * @param property the Java property
 * @param column the column
 * @param javaType the property's Java type (simple name)
 * @param codec the value codec that writes and reads it
 */
public record PgCatalogColumn(String property, String column, String javaType, String codec) {

}
