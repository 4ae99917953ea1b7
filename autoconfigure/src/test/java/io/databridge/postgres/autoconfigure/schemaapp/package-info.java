/**
 * Entities of the schema validation tests.
 */
@NullMarked
package io.databridge.postgres.autoconfigure.schemaapp;

import org.jspecify.annotations.NullMarked;
