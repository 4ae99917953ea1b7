/**
 * Internal: runs entity callbacks and publishes entity events around the template's reads
 * and writes.
 */
@NullMarked
package io.databridge.postgres.internal.lifecycle;

import org.jspecify.annotations.NullMarked;
