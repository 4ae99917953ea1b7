/**
 * Bulk loading with binary COPY: {@code @BulkInsert} and its options.
 */
@NullMarked
package io.databridge.postgres.bulk;

import org.jspecify.annotations.NullMarked;
