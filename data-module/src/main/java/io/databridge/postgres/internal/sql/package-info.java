/**
 * Internal: the SQL syntax tree and the one renderer that turns it into text.
 */
@NullMarked
package io.databridge.postgres.internal.sql;

import org.jspecify.annotations.NullMarked;
