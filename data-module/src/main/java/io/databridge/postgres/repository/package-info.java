/**
 * {@code PgRepository}, the repository annotations and {@code EnablePgRepositories}.
 */
@NullMarked
package io.databridge.postgres.repository;

import org.jspecify.annotations.NullMarked;
